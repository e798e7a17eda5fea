"""The Importer page's date reading (dates5) in AppTest: the reading chosen by evidence, shown, changed in one click.

A LinkedIn en-US export (June 2–12, written 6/2/2025 …) uploaded through the real file uploader for the
demo campaign (12 May – 15 June 2025): read month first, said; "jour/mois" puts the days outside the
campaign and the file is refused; back to "mois/jour", it loads with its June days.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.helpers import page, texts

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "partner_reports" / "files"
NAME = "linkedin_en_us_dates_ambigues.csv"
MATCH = "Match avec ton futur"          # the demo campaign: 12 May to 15 June 2025


def test_the_page_shows_the_reading_and_the_other_one_is_one_click_away(demo_store):
    app = page("pages/import_reports.py", timeout=60)
    app.run()
    app.file_uploader(key="import_upload").set_value([(NAME, (CORPUS / NAME).read_bytes(), "text/csv")]).run()
    app.selectbox(key="import_campaign").set_value(MATCH).run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "dates lues mois/jour («\u202f6/2/2025\u202f» = 2 juin 2025)" in shown
    choice = app.radio(key=f"dateorder-{NAME}")
    assert choice.label == "Lecture des dates" and choice.value == "mdy"
    assert "jour/mois : «\u202f6/2/2025\u202f» = 6 février 2025" in choice.options
    assert "hors des dates de la campagne" not in shown

    choice.set_value("dmy").run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert app.radio(key=f"dateorder-{NAME}").value == "dmy"
    assert "hors des dates de la campagne «\u202fMatch avec ton futur\u202f»" in shown and "--date-order mdy" in shown
    assert not [b for b in app.button if b.key == f"load-{NAME}"]

    app.radio(key=f"dateorder-{NAME}").set_value("mdy").run()
    assert "hors des dates de la campagne" not in texts(app)
    app.button(key=f"load-{NAME}").click().run()
    assert any("chargé (n°" in s.value for s in app.success), texts(app)
    with demo_store.read() as con:
        first, last = con.execute("select min(period_start), max(period_end) from metric_fact"
                                  " where ingestion_id = (select max(id) from ingestion)").fetchone()
    assert (first, last) == (date(2025, 6, 2), date(2025, 6, 12))


def test_the_choice_reads_in_english_too(demo_store, monkeypatch):
    monkeypatch.setenv("RESONANCE_LANG", "en")
    app = page("pages/import_reports.py", timeout=60)
    app.run()
    app.file_uploader(key="import_upload").set_value([(NAME, (CORPUS / NAME).read_bytes(), "text/csv")]).run()
    app.selectbox(key="import_campaign").set_value(MATCH).run()
    assert not app.exception, app.exception
    assert "dates read month/day (“6/2/2025” = 2 June 2025)" in texts(app)
    choice = app.radio(key=f"dateorder-{NAME}")
    assert choice.label == "Date reading" and "day/month: “6/2/2025” = 6 February 2025" in choice.options
