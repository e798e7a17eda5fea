"""Deck and annex say nothing raw: empty partnership cells, codes and dates in words; a picture carries its own
partner's figure; the series runs over the period the cover states."""
from __future__ import annotations

import io
import re
from datetime import date

import openpyxl
import pandas as pd
from PIL import Image
from pptx import Presentation

from resonance import i18n
from resonance.ingest import load as ingest
from resonance.reports import annex
from resonance.reports import deck as review_deck
from resonance.reports.deck.slides import within_period
from resonance.services import assets, review
from resonance.services.partnership import ensure_partner, ensure_partnership

JOBS = "Jobs d'été 2026"
# A word alone, not part of a file name ("demo-jobs-ete-1.csv" is the name a file was loaded under).
RAW = re.compile(r"(?<![\w./-])(nan|NaN|None|NaT|True|False|owned|shared|paid|earned|demo|positive|negative|neutral)"
                 r"(?![\w./-])|\b\d{4}-\d{2}-\d{2}\b|\b(outputs|outtakes|outcomes)\b")
# In English, "positive" or "shared" are words: only the empty values and ISO dates stay forbidden.
RAW_ANY = re.compile(r"(?<![\w./-])(nan|NaN|None|NaT|True|False)(?![\w./-])|\b\d{4}-\d{2}-\d{2}\b")


def _picture(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 400), colour).save(out, "PNG")
    return out.getvalue()


def _deck_text(deck: Presentation) -> str:
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
            if shape.has_chart:
                # The labels as written in the chart (python-pptx reads an empty one back as "None").
                parts.extend(v.text or "" for v in shape.chart._chartSpace.xpath(".//c:cat//c:v"))
                parts.extend(s.name for s in shape.chart.plots[0].series)
    return "\n".join(parts)


def _setup(store) -> dict:
    campaign = review.campaign_id_by_name(store, JOBS)
    with store.transaction() as con:
        empty = ensure_partner(con, "Relais Sans Fiche", kind="association")
        ensure_partnership(con, campaign, empty)           # no activations, counterparts, dates nor meeting
        campus = con.execute("select id from partner where name = 'Appli Campus+'").fetchone()[0]
        ids = {"campus": assets.add_picture(con, _picture("#3366aa"), "campus.png", campaign_id=campaign,
                                            partner_id=campus, caption="Bannière dans l'appli",
                                            illustrates_metric="impressions"),
               "empty": assets.add_picture(con, _picture("#aa6633"), "relais.png", campaign_id=campaign,
                                           partner_id=empty, caption="Affiche du relais",
                                           illustrates_metric="impressions")}
        campus_impressions = con.execute(
            "select sum(value) from metric_fact where campaign_id = ? and partner_id = ? and metric = 'impressions'",
            [campaign, campus]).fetchone()[0]
    return {"campaign": campaign, "pictures": ids, "campus_impressions": campus_impressions}


def test_deck_and_annex_of_a_partner_with_empty_cells_contain_no_raw_token(demo_store):
    campaign = _setup(demo_store)["campaign"]
    for lang in ("fr", "en"):
        deck = Presentation(io.BytesIO(review_deck.build(demo_store, campaign, lang=lang)))
        text = _deck_text(deck)
        assert "Relais Sans Fiche" in text
        raw = RAW if lang == "fr" else RAW_ANY
        assert not raw.search(text), raw.findall(text)
        book = openpyxl.load_workbook(io.BytesIO(annex.build(demo_store, campaign, lang)))
        cells = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
        strings = [c for c in cells if isinstance(c, str)]
        assert not [c for c in cells if isinstance(c, float) and c != c]                     # no NaN cell
        assert not [s for s in strings if raw.search(s)], [s for s in strings if raw.search(s)][:10]
    i18n.set_language("fr")


def test_a_picture_carries_its_own_partner_s_figure_or_none(demo_store):
    setup = _setup(demo_store)
    deck = Presentation(io.BytesIO(review_deck.build(demo_store, setup["campaign"], lang="fr")))
    shapes = {shape.name: shape for slide in deck.slides for shape in slide.shapes}
    campus = shapes[f"figure {setup['pictures']['campus']}"].text_frame.text
    expected = f"{setup['campus_impressions']:,.0f}".replace(",", "\u202f")
    assert campus == f"Impressions : {expected}"                # Appli Campus+'s, not the campaign's 3 180 000
    assert f"figure {setup['pictures']['empty']}" not in shapes    # a partner without impressions: no figure
    assert f"picture {setup['pictures']['empty']}" in shapes


def test_the_series_runs_over_the_period_on_the_cover(demo_store):
    campaign = review.campaign_id_by_name(demo_store, JOBS)
    detail = review.campaign_review(demo_store, campaign).detail
    late = detail["period_end"] + pd.Timedelta(days=20)
    facts = pd.DataFrame([{"campaign_id": campaign, "partner_id": None, "channel": "web", "peso": "owned",
                           "platform": "site", "period_start": late, "period_end": late, "metric": "impressions",
                           "value": 999.0}])
    ingest.load(demo_store, source="file", facts=facts, campaign_id=campaign, file_name="tardif.csv")
    deck = Presentation(io.BytesIO(review_deck.build(demo_store, campaign, lang="fr")))
    days = (detail["period_end"] - detail["period_start"]).days + 1
    lines = [shape.chart for slide in deck.slides for shape in slide.shapes
             if shape.has_chart and not shape.chart.chart_type.name.startswith("BAR")]
    assert lines and all(len(list(chart.plots[0].categories)) <= days for chart in lines)
    cover = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Du 11 mai 2026 au 21 juin 2026" in cover


def test_within_period_keeps_overlapping_weeks():
    series = pd.DataFrame({"period": [date(2026, 5, 4), date(2026, 5, 11), date(2026, 6, 22), date(2026, 6, 29)],
                           "metric": "clicks", "value": 1.0})
    detail = {"period_start": date(2026, 5, 6), "period_end": date(2026, 6, 24)}
    assert within_period(series, detail, "week")["period"].tolist() == [date(2026, 5, 4), date(2026, 5, 11),
                                                                         date(2026, 6, 22)]
    assert within_period(series, detail, "day")["period"].tolist() == [date(2026, 5, 11), date(2026, 6, 22)]
    assert within_period(series, {"period_start": None, "period_end": None}, "day").equals(series)
