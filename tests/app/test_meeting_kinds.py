"""Meeting kinds are stored as codes and read in the reader's language; migration 007 converts the old French words."""
from datetime import date

import pytest

from resonance.i18n import t
from resonance.services import relationship
from resonance.services.partnership import PartnershipInputError, ensure_partner
from tests.helpers import page


def test_migration_007_turns_stored_french_kinds_into_codes_and_keeps_a_hand_typed_one(store):
    with store.transaction() as con:
        pid = ensure_partner(con, "Tinder")
        for kind in ("rendez-vous", "bilan", "comité", "appel", "événement", "déjeuner"):
            con.execute("insert into meeting (partner_id, met_on, kind) values ($p, date '2026-01-05', $k)",
                        {"p": pid, "k": kind})
        con.execute("delete from schema_version where version = 7")    # the store as it was before the migration
    store.forget()
    assert sorted(relationship.meetings(store)["kind"]) == ["call", "committee", "déjeuner", "event", "meeting", "review"]
    assert store.version() >= 7


def test_every_kind_has_a_label_in_both_languages_and_an_unknown_kind_is_refused(store):
    assert set(relationship.MEETING_KIND_KEYS) == set(relationship.MEETING_KINDS)
    assert [t(relationship.MEETING_KIND_KEYS[k], "en") for k in relationship.MEETING_KINDS] == \
        ["Meeting", "Review", "Committee", "Call", "Event"]
    assert t(relationship.MEETING_KIND_KEYS["committee"], "fr") == "Comité"
    with store.transaction() as con:
        pid = ensure_partner(con, "Tinder")
    with pytest.raises(PartnershipInputError, match="Type de rendez-vous inconnu «\u202fbilan\u202f»"):
        relationship.add_meeting(store, pid, date(2026, 1, 5), "bilan", today=date(2026, 2, 1))


def test_the_meetings_log_shows_kinds_in_the_readers_language(demo_store, monkeypatch):
    monkeypatch.setenv("RESONANCE_LANG", "en")
    app = page("pages/partners.py")
    app.run()
    assert not app.exception
    log = next(d.value for d in app.dataframe if {"partner", "kind", "created_by"} <= set(d.value.columns))
    assert {"Review", "Committee", "Meeting"} <= set(log["kind"])
    assert not set(log["kind"]) & {"bilan", "comité", "rendez-vous", "review", "committee", "meeting"}


def test_a_refused_meeting_names_its_dates_as_a_reader_writes_them(store):
    with store.transaction() as con:
        pid = ensure_partner(con, "Tinder")
    with pytest.raises(PartnershipInputError) as refused:
        relationship.add_meeting(store, pid, date(2026, 3, 2), "call", next_step="Relancer",
                                 next_date=date(2026, 2, 1), today=date(2026, 3, 1))
    message = " ".join(refused.value.problems)
    assert "2 mars 2026" in message and "1er février 2026" in message and "2026-" not in message
