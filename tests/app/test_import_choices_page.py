"""The Importer page's choices (issue 12) in AppTest, files through the real file uploader, on the demo store.

The file's campaign labels attached or left out, the date column and the period of a file without dates,
days outside the campaign's dates, the partner's own metrics shown and loaded.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.helpers import page, texts

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "partner_reports" / "files"
PAGE = "pages/import_reports.py"
MATCH = "Match avec ton futur"          # the demo campaign: 12 May to 15 June 2025


def _app(name: str, content: bytes, partner: str | None = None):
    app = page(PAGE, timeout=60)
    app.run()
    app.file_uploader(key="import_upload").set_value([(name, content, "application/octet-stream")]).run()
    app.selectbox(key="import_campaign").set_value(MATCH).run()
    if partner:
        app.selectbox(key="import_partner").set_value(partner).run()
    assert not app.exception, app.exception
    return app


def _facts(store, campaign: str = MATCH) -> dict:
    with store.read() as con:
        return dict(con.execute("select f.metric, sum(f.value) from metric_fact f join campaign c on c.id = f.campaign_id"
                                " where c.name = $c group by f.metric", {"c": campaign}).fetchall())


def test_the_files_campaign_labels_are_attached_or_left_out(demo_store):
    name = "meta_ads_fr.csv"
    before = _facts(demo_store)
    app = _app(name, (CORPUS / name).read_bytes())
    assert "contient plusieurs campagnes" in texts(app) and "Campagnes du fichier" in texts(app)
    assert not [b for b in app.button if b.key == f"load-{name}"]
    labels = {app.selectbox(key=f"label-{name}-{i}").label: i for i in range(2)}
    boutique = next(i for label, i in labels.items() if "Boutique" in label)
    jobs = next(i for label, i in labels.items() if "JobsEte25" in label)
    assert "ressemble" not in " ".join(labels)           # neither resembles "Match avec ton futur": nothing proposed
    app.selectbox(key=f"label-{name}-{jobs}").set_value(MATCH).run()
    app.selectbox(key=f"label-{name}-{boutique}").set_value("\u0000out").run()
    app.button(key=f"apply-labels-{name}").click().run()
    assert not app.exception, app.exception
    assert "contient plusieurs campagnes" not in texts(app)
    assert {m.label: m.value for m in app.metric}["Clics"] == "6\u202f146"
    app.button(key=f"load-{name}").click().run()
    assert any("chargé (n°" in s.value for s in app.success)
    assert _facts(demo_store)["clicks"] == before["clicks"] + 6146


def test_date_column_then_days_outside_the_campaign_left_out(demo_store):
    name = "acast_podcast_weekly.csv"            # weeks of 2 June to 13 July; the campaign ends on 15 June
    before = _facts(demo_store)
    app = _app(name, (CORPUS / name).read_bytes(), partner="Tinder")
    app.selectbox(key=f"datecol-{name}").set_value("Week").run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "hors des dates de la campagne «\u202fMatch avec ton futur\u202f»" in shown and "Jours hors des dates" in shown
    assert not [b for b in app.button if b.key == f"load-{name}"]
    app.radio(key=f"outside-{name}").set_value("drop").run()
    assert "sont laissés de côté" in texts(app)
    app.button(key=f"load-{name}").click().run()
    assert any("chargé (n°" in s.value for s in app.success)
    with demo_store.read() as con:
        last = con.execute("select max(period_end) from metric_fact where ingestion_id = (select max(id) from ingestion)"
                           ).fetchone()[0]
    assert last <= date(2025, 6, 15) and _facts(demo_store)["impressions"] > before["impressions"]


def test_a_file_without_dates_takes_the_campaigns_dates_or_the_period_given(demo_store):
    name = "bilan_stories.csv"
    content = "Support;Affichages;Clics\nStory;120000;950\nBannière;80000;400\n".encode()
    app = _app(name, content, partner="Tinder")
    assert "ses chiffres prennent les dates de la campagne, du 12 mai 2025 au 15 juin 2025" in texts(app)
    app.date_input(key=f"period-{name}").set_value((date(2025, 6, 2), date(2025, 6, 8))).run()
    assert not app.exception, app.exception
    assert "ses chiffres couvrent la période indiquée, du 2 juin 2025 au 8 juin 2025" in texts(app)
    app.button(key=f"load-{name}").click().run()
    with demo_store.read() as con:
        periods = con.execute("select distinct period_start, period_end from metric_fact"
                              " where ingestion_id = (select max(id) from ingestion)").fetchall()
    assert periods == [(date(2025, 6, 2), date(2025, 6, 8))]


def test_the_partners_own_metrics_are_shown_loaded_and_on_the_review(demo_store):
    name = "association_bilan_actions.ods"
    app = _app(name, (CORPUS / name).read_bytes(), partner="Tinder")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Affiches posées"] == "289" and metrics["Flyers distribués"] == "3\u202f703"
    assert "Indicateurs du partenaire" in texts(app)
    app.radio(key=f"outside-{name}").set_value("extend").run()          # its actions ran until 9 July
    assert "passeront de 12 mai 2025 – 15 juin 2025 à 12 mai 2025 – 9 juillet 2025" in texts(app)
    app.button(key=f"load-{name}").click().run()
    assert any("chargé (n°" in s.value for s in app.success)
    review = page("pages/campaign_review.py", timeout=60)
    review.run()
    review.selectbox(key="review_campaign").set_value(MATCH).run()
    assert not review.exception, review.exception
    cards = {m.label: m.value for m in review.metric}
    assert cards["Affiches posées · Tinder"] == "289 affiches"
    assert "Indicateurs propres aux partenaires" in texts(review)
