"""Partners and partnerships created and edited with validation, the checklist status, the map of actors."""
from datetime import date

import pytest

from resonance.domain.checklist import missing_checks
from resonance.services import actors, relationship
from resonance.services.partnership import (
    PartnershipInputError,
    ensure_campaign,
    save_partner,
    save_partnership,
)

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)


def test_a_partner_is_created_then_edited_and_a_duplicate_name_is_refused(store):
    pid = save_partner(store, {"name": " Ligue des Clubs ", "kind": "association", "audiences": "15-25 ans",
                               "declared_audience": "650 000", "is_candidate": True})
    row = actors.actors(store).set_index("partner_id").loc[pid]
    assert row["partner"] == "Ligue des Clubs" and row["declared_audience"] == 650_000 and row["is_candidate"]
    save_partner(store, {"name": "Ligue des Clubs Sportifs", "kind": "association", "declared_audience": ""},
                 partner_id=pid)
    assert actors.actors(store).set_index("partner_id").loc[pid, "partner"] == "Ligue des Clubs Sportifs"
    with pytest.raises(PartnershipInputError, match="s'appelle déjà"):
        save_partner(store, {"name": "ligue des clubs sportifs", "kind": "company"})
    assert len(actors.actors(store)) == 1


def test_partner_form_names_every_field_to_correct(store):
    with pytest.raises(PartnershipInputError) as error:
        save_partner(store, {"name": "  ", "kind": "club", "declared_audience": "beaucoup"})
    text = str(error.value)
    assert "«\u202fNom\u202f»" in text and "club" in text and "«\u202fAudience déclarée\u202f» vaut «\u202fbeaucoup\u202f»" in text
    assert actors.actors(store).empty


def test_a_partnership_is_created_once_and_promotes_the_candidate(store):
    with store.transaction() as con:
        cid = ensure_campaign(con, "Jobs d'été 2027")
    pid = save_partner(store, {"name": "StreamJeunes", "kind": "media", "is_candidate": True})
    with pytest.raises(PartnershipInputError, match="précède la date de début"):
        save_partnership(store, {"step": 2, "start_date": date(2027, 5, 1), "end_date": date(2027, 4, 1)},
                         campaign=cid, partner=pid)
    new = save_partnership(store, {"step": 2, "channel": "video", "counterparts": "Logo"}, campaign=cid, partner=pid)
    assert not actors.actors(store).set_index("partner_id").loc[pid, "is_candidate"]
    with pytest.raises(PartnershipInputError, match="déjà un partenariat"):
        save_partnership(store, {"step": 1}, campaign=cid, partner=pid)
    save_partnership(store, {"step": 3, "channel": "video", "sig_informed": True, "legal_frame_signed": True},
                     partnership_id=new)
    life = actors.lifecycle(store, pid).iloc[0]
    assert life["step"] == 3 and life["missing"] == ["message_validated"]


def test_checklist_asks_the_supervisor_for_public_bodies_and_the_sig_for_others():
    signed = {"legal_frame_signed": True, "message_validated": True}
    assert missing_checks({"partner_kind": "public_body", "sig_informed": True, **signed}) == ["informed"]
    assert missing_checks({"partner_kind": "public_body", "supervisor_informed": True, **signed}) == []
    assert missing_checks({"partner_kind": "company", "supervisor_informed": True, **signed}) == ["informed"]
    assert missing_checks({"partner_kind": "media", "sig_informed": True}) == ["legal_frame_signed", "message_validated"]


def test_map_of_actors_on_the_demo_filters_by_public_and_shows_candidates(demo_store):
    students = actors.actors_map(demo_store, public="étudiants")
    names = set(students["partner"])
    assert {"Tinder", "Appli Campus+", "Livr'Eat"} <= names and "Brico Centre" not in names
    everyone = actors.actors_map(demo_store).set_index("partner")
    assert everyone.loc["StreamJeunes", "is_candidate"] and everyone.loc["StreamJeunes", "partnerships"] == 0
    assert everyone.loc["Tinder", "partnerships"] == 2
    assert everyone.loc["Tinder", "audience"] == 3_000_000          # declared audience first
    media = actors.actors_map(demo_store, kinds=["media"])
    assert set(media["kind"]) == {"media"}
    profile = actors.partner_file(demo_store, int(everyone.loc["Tinder", "partner_id"]))
    assert set(profile.partnerships["campaign"]) == {"Match avec ton futur", "Jobs d'été 2026"}
    assert len(profile.meetings) == 2 and len(profile.pictures) >= 3


def test_demo_keeps_the_tinder_figures_and_gives_cost_and_alerts(demo_store):
    from resonance.services import comparison
    rows = comparison.partnerships(demo_store).set_index("label")
    tinder = rows.loc["Match avec ton futur — Tinder"]
    assert (tinder["impressions"], tinder["clicks"], tinder["press_mentions"]) == (2_104_350, 294_870, 213)
    assert rows["cost_per_visit_eur"].notna().sum() >= 8
    alerts = relationship.alerts(demo_store, today=date(2026, 11, 27))
    assert "Livr'Eat" in set(alerts.overdue["partner"]) and "Banque Solidaire" in set(alerts.not_met["partner"])
