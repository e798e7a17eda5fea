"""Campaigns created and edited in the app: the sheet is checked field by field, nothing is written when it is wrong."""
from __future__ import annotations

from datetime import date

import pytest

from resonance.services import audit, campaigns, review
from resonance.services.partnership import PartnershipInputError
from tests.helpers import page, texts

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)


def test_a_campaign_is_created_then_edited_and_both_are_audited(store):
    new = campaigns.save_campaign(store, {
        "name": "  Rénov'Été 2027 ", "theme": "Rénovation énergétique", "start_date": date(2027, 5, 3),
        "end_date": date(2027, 6, 30), "landing_url": "https://france-renov.gouv.fr", "budget_eur": "48 000,50"},
        by="Élodie Éditrice")
    detail = review.campaign_review(store, new).detail
    assert (detail["name"], detail["budget_eur"], detail["end_date"]) == ("Rénov'Été 2027", 48000.5, date(2027, 6, 30))
    campaigns.save_campaign(store, {**detail, "objective": "Faire connaître France Rénov'", "budget_eur": "50\u202f000"},
                            campaign_id=new, by="Alice Admin")
    edited = review.campaign_review(store, new).detail
    assert edited["objective"] == "Faire connaître France Rénov'" and edited["budget_eur"] == 50_000
    trail = audit.trail(store)
    assert {("Élodie Éditrice", "campaign.create"), ("Alice Admin", "campaign.edit")} <= set(
        zip(trail["actor"], trail["action"], strict=True))


def test_every_wrong_field_is_named_and_nothing_is_written(store):
    campaigns.save_campaign(store, {"name": "Jobs d'été 2027"})
    with pytest.raises(PartnershipInputError) as refused:
        campaigns.save_campaign(store, {"name": "", "start_date": date(2027, 6, 1), "end_date": date(2027, 5, 1),
                                        "landing_url": "www.exemple.fr", "budget_eur": "beaucoup"})
    problems = "\n".join(refused.value.problems)
    for expected in ("«\u202fNom\u202f» est vide", "La fin (01/05/2027) précède le début (01/06/2027)", "commençant par https://",
                     "«\u202fBudget\u202f» vaut «\u202fbeaucoup\u202f»"):
        assert expected in problems
    with pytest.raises(PartnershipInputError, match="s'appelle déjà «\u202fjobs d'ete 2027\u202f»"):
        campaigns.save_campaign(store, {"name": "jobs d'ete 2027"})          # same name, case and accents aside
    assert review.campaigns(store)["name"].tolist() == ["Jobs d'été 2027"]


def _popovers(node) -> list[str]:
    """Labels of the popovers under an AppTest node (AppTest has no accessor for them)."""
    proto = getattr(node, "proto", None)
    is_block = proto is not None and "popover" in getattr(getattr(proto, "DESCRIPTOR", None), "fields_by_name", {})
    found = [proto.popover.label] if is_block and proto.HasField("popover") else []
    for child in getattr(node, "children", {}).values():
        found += _popovers(child)
    return found


def test_an_editor_creates_a_campaign_from_the_review_page_and_lands_on_it(demo_store):
    app = page("pages/campaign_review.py")
    app.run()
    # The form sits in a popover under the title (issue 14: the first screen shows the figures), not an expander.
    assert "Nouvelle campagne" in _popovers(app._tree), "the form is offered to an editor (demo mode is admin)"
    app.text_input(key="campaign_new-name").input("Sur la route, tous prudents 2026")
    app.text_input(key="campaign_new-landing_url").input("securite-routiere.gouv.fr")
    app.button(key="FormSubmitter:campaign_new-Enregistrer").click().run()
    assert any("commençant par https://" in error.value for error in app.error)
    assert "Sur la route, tous prudents 2026" not in review.campaigns(demo_store)["name"].tolist()
    app.text_input(key="campaign_new-landing_url").input("https://www.securite-routiere.gouv.fr")
    app.button(key="FormSubmitter:campaign_new-Enregistrer").click().run()
    assert not app.exception
    assert "Sur la route, tous prudents 2026" in [title.value for title in app.title]
    assert "Campagne «\u202fSur la route, tous prudents 2026\u202f» créée." in texts(app)
    # renaming it from its own sheet keeps the page on it
    assert app.text_input(key="campaign_new-name").value == ""            # the new-campaign form is empty again
    created = review.campaign_id_by_name(demo_store, "Sur la route, tous prudents 2026")
    assert app.text_input(key=f"campaign_edit-{created}-name").value == "Sur la route, tous prudents 2026"
    app.text_input(key=f"campaign_edit-{created}-name").input("Route 2026")
    app.button(key=f"FormSubmitter:campaign_edit-{created}-Enregistrer").click().run()
    assert not app.exception
    assert "Route 2026" in [title.value for title in app.title]


def test_the_sheet_queries_insert_and_update_one_campaign(store):
    import queries
    sheet = {"name": "Test", "theme": None, "series": None, "objective": None, "target_public": None,
             "start_date": date(2027, 1, 1), "end_date": None, "landing_url": None, "budget_eur": 10.0}
    with store.transaction() as con:
        new = int(queries.run(con, "campaign_insert", sheet).iloc[0, 0])
        queries.execute(con, "campaign_update", {**sheet, "name": "Test 2", "budget_eur": None, "campaign_id": new})
        assert con.execute("select name, budget_eur, start_date::varchar from campaign").fetchall() == [
            ("Test 2", None, "2027-01-01")]
