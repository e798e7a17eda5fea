"""AppTest of the overview and the campaign review on the demo store: the figures a manager sees."""
from tests.helpers import page, texts


def test_campaign_review_shows_the_tinder_figures_and_gallery(demo_store):
    app = page("pages/campaign_review.py")
    app.query_params["campagne"] = "Match avec ton futur"
    app.run()
    assert not app.exception
    shown = texts(app)
    assert "Match avec ton futur" in [t.value for t in app.title]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Impressions"] == "2\u202f104\u202f350"
    assert metrics["Clics"] == "294\u202f870"
    assert metrics["Taux de clic"] == "14,0\u202f%"
    assert metrics["Articles de presse"] == "213"
    assert "Le déploiement en images" in shown
    assert len([b for b in app.button if b.label == "Agrandir"]) == 5


def test_overview_shows_portfolio_figures_with_deltas(demo_store):
    app = page("pages/overview.py")
    app.run()
    assert not app.exception
    app.selectbox(key="overview_period").set_value("year:2025").run()
    metrics = {m.label: m for m in app.metric}
    assert metrics["Campagnes"].value == "3"     # Match avec ton futur, Rénover c'est gagné, Sur la route 2024 (January)
    assert metrics["Impressions"].delta is not None


def test_rates_given_without_a_base_are_shown_apart_and_not_mixed_in(demo_store):
    from pathlib import Path

    from resonance.ingest import importing
    from resonance.services import review
    sheet = Path(__file__).resolve().parents[1] / "fixtures" / "partner_files" / "email_taux_sans_base.csv"
    before = review.campaign_review(demo_store, review.campaign_id_by_name(demo_store, "Match avec ton futur")).totals
    preview = importing.preview(demo_store, sheet.read_bytes(), sheet.name, campaign="Match avec ton futur",
                                partner="Réseau Info Jeunes")
    importing.load(demo_store, preview, accept_warnings=True)
    app = page("pages/campaign_review.py")
    app.query_params["campagne"] = "Match avec ton futur"
    app.run()
    assert not app.exception
    assert any(e.label.startswith("Taux communiqués sans leur base (2)") for e in app.expander)
    assert {m.label: m.value for m in app.metric}["Taux d'ouverture"] == "34,0\u202f%"      # unchanged by the 23,4 %
    after = review.campaign_review(demo_store, review.campaign_id_by_name(demo_store, "Match avec ton futur")).totals
    assert after["open_rate"] == before["open_rate"]
