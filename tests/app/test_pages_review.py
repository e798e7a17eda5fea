"""AppTest of the overview and the campaign review on the demo store: the figures a manager sees."""
import pandas as pd

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
    # The table is drawn once its expander is opened (issue 16: not sent to every reader), with both rates of the file.
    def rates_tables():
        return [d.value for d in app.dataframe if {"rate", "period_start"} <= set(d.value.columns)]

    assert rates_tables() == []
    app.session_state["review_rates_open"] = True
    app.run()
    rates = rates_tables()
    assert len(rates) == 1 and sorted(rates[0]["value"]) == ["12,0\u202f%", "23,4\u202f%"], rates
    after = review.campaign_review(demo_store, review.campaign_id_by_name(demo_store, "Match avec ton futur")).totals
    assert after["open_rate"] == before["open_rate"]


def _sent_in_order(app) -> list[str]:
    """The page's elements in the order Streamlit sends them to the browser: element type, or "block"."""
    from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

    sent = []

    def record(message) -> None:
        if message.WhichOneof("type") == "delta":
            delta = message.delta
            kind = delta.WhichOneof("type")
            sent.append(delta.new_element.WhichOneof("type") if kind == "new_element" else "block" if kind == "add_block" else kind)

    ForwardMsgQueue.on_before_enqueue_msg(record)
    try:
        app.run()
    finally:
        ForwardMsgQueue.on_before_enqueue_msg(None)
    return sent


def test_the_key_figures_are_sent_before_the_rest_of_the_review(demo_store):
    """Issue 16: the browser draws what it has received, so the figures go out before the forms, charts, tables,
    pictures and the benchmark (50 elements were sent before the first figure; now about 20)."""
    app = page("pages/campaign_review.py")
    app.query_params["campagne"] = "Match avec ton futur"
    sent = _sent_in_order(app)
    assert not app.exception
    first = sent.index("metric")
    before = sent[:first]
    assert len(before) <= 24, before
    assert "heading" in before and "selectbox" in before                 # the campaign's name and its picker
    assert not {"text_input", "text_area", "date_input", "plotly_chart", "dataframe", "imgs"} & set(before), before
    # The rest of the review follows, the sheet's forms included (the demo reader may edit).
    after = sent[first:]
    assert {"text_input", "plotly_chart", "dataframe", "imgs"} <= set(after)
    assert app.text_input(key="campaign_new-name") is not None
    # The sentence sits between the title and the figures.
    assert any(m.value.startswith("**") and "impressions" in m.value for m in app.markdown)


def test_the_time_step_redraws_the_curves_by_week(demo_store):
    import json

    app = page("pages/campaign_review.py")
    app.query_params["campagne"] = "Match avec ton futur"
    app.run()
    daily = json.loads(app.get("plotly_chart")[-1].proto.spec)["data"][0]["x"]
    app.segmented_control(key="review_grain").set_value("week").run()
    assert not app.exception
    weekly = json.loads(app.get("plotly_chart")[-1].proto.spec)["data"][0]["x"]
    assert 0 < len(weekly) < len(daily)
    assert {pd.Timestamp(x).day_of_week for x in weekly} == {0}              # weeks start on Monday
    assert {m.label: m.value for m in app.metric}["Impressions"] == "2\u202f104\u202f350"
