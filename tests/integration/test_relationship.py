"""Relationship follow-up: partners not met for N months, overdue next steps, and the meetings that clear them."""
from datetime import date

import pytest

from resonance.services import relationship
from resonance.services.partnership import (
    PartnershipInputError,
    ensure_campaign,
    ensure_partner,
    ensure_partnership,
)

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)

TODAY = date(2026, 11, 27)


def _partners(store):
    with store.transaction() as con:
        cid = ensure_campaign(con, "Jobs d'été")
        ids = {name: ensure_partner(con, name) for name in ("Vu récemment", "Vu il y a 7 mois", "Jamais vu", "En retard")}
        for pid in ids.values():
            ensure_partnership(con, cid, pid)
        ids["Candidat"] = ensure_partner(con, "Candidat", is_candidate=True)
    relationship.add_meeting(store, ids["Vu récemment"], date(2026, 10, 1), "review", today=TODAY)
    relationship.add_meeting(store, ids["Vu il y a 7 mois"], date(2026, 4, 20), "meeting", today=TODAY)
    relationship.add_meeting(store, ids["En retard"], date(2026, 9, 1), "committee", next_step="Envoyer le bilan",
                             next_date=date(2026, 11, 1), today=TODAY)
    return ids


@pytest.fixture
def partners(seed_once):
    """Seeded once per worker, a copy of the seeded file for each test (tests/conftest.py)."""
    return seed_once(_partners)


def test_default_setting_is_six_months_and_can_be_changed(store):
    assert relationship.months_without_meeting(store) == 6
    relationship.set_months_without_meeting(store, 9)
    assert relationship.months_without_meeting(store) == 9
    with pytest.raises(PartnershipInputError, match="entre 1 et 36"):
        relationship.set_months_without_meeting(store, 0)


def test_alerts_list_partners_not_met_and_overdue_next_steps(store, partners):
    alerts = relationship.alerts(store, today=TODAY)
    assert alerts.months == 6
    assert set(alerts.not_met["partner"]) == {"Vu il y a 7 mois", "Jamais vu"}   # candidates are not partners yet
    overdue = alerts.overdue.iloc[0]
    assert list(alerts.overdue["partner"]) == ["En retard"]
    assert overdue["next_step"] == "Envoyer le bilan" and overdue["days_overdue"] == 26
    assert alerts.count == 3
    wider = relationship.alerts(store, today=TODAY, months=12)
    assert set(wider.not_met["partner"]) == {"Jamais vu"}
    # the day the next step falls due it is not yet overdue
    assert relationship.alerts(store, today=date(2026, 11, 1)).overdue.empty


def test_a_new_meeting_clears_the_overdue_step_and_the_months_alert(store, partners):
    relationship.add_meeting(store, partners["En retard"], date(2026, 11, 26), "call", notes="Bilan envoyé",
                             today=TODAY)
    relationship.add_meeting(store, partners["Vu il y a 7 mois"], TODAY, "meeting", today=TODAY)
    alerts = relationship.alerts(store, today=TODAY)
    assert alerts.overdue.empty
    assert set(alerts.not_met["partner"]) == {"Jamais vu"}
    log = relationship.meetings(store, partners["En retard"])
    assert list(log["kind"]) == ["call", "committee"]


def test_meeting_input_is_checked_and_nothing_is_written_when_wrong(store, partners):
    before = len(relationship.meetings(store))
    with pytest.raises(PartnershipInputError, match="dans le futur"):
        relationship.add_meeting(store, partners["Jamais vu"], date(2026, 12, 3), today=TODAY)
    with pytest.raises(PartnershipInputError, match="précède la date du rendez-vous"):
        relationship.add_meeting(store, partners["Jamais vu"], TODAY, next_step="Relancer", next_date=date(2026, 1, 1),
                                 today=TODAY)
    with pytest.raises(PartnershipInputError, match="Prochaine étape"):
        relationship.add_meeting(store, partners["Jamais vu"], TODAY, next_date=date(2026, 12, 15), today=TODAY)
    assert len(relationship.meetings(store)) == before


def test_home_page_lists_partners_to_meet_and_overdue_steps(demo_store):
    from tests.helpers import page
    app = page("pages/overview.py")
    app.run()
    assert not app.exception
    warnings = "\n".join(w.value for w in app.warning)
    assert "Livr'Eat : «\u202fRelancer pour la rentrée\u202f» en retard depuis le" in warnings
    assert any("sans rendez-vous depuis plus de 6 mois" in i.value and "Banque Solidaire" in i.value for i in app.info)
