"""Numeric dates both orders can read, through the import service and the command line (dates5).

Real-shaped files of the corpus (a LinkedIn en-US export of June 2–12, a US Google Ads week, French
monthly and weekly recaps, a one-row file), a real store: the reading the evidence chose is the one
loaded, the preview says which and why, `--date-order` changes it, and the outside-dates check follows.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from resonance.cli import main
from resonance.ingest import importing

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "partner_reports" / "files"
CAMPAIGN = "Jobs d'été 2025"
LINKEDIN = CORPUS / "linkedin_en_us_dates_ambigues.csv"


def _campaign(store, start: str | None, end: str | None) -> None:
    with store.transaction() as con:
        con.execute("insert into campaign (name, start_date, end_date) values ($n, $s::date, $e::date)",
                    {"n": CAMPAIGN, "s": start, "e": end})


def _preview(store, name: str, **choices) -> importing.Preview:
    return importing.preview(store, CORPUS / name, campaign=CAMPAIGN, partner="Partenaire", **choices)


def _days(result: importing.Preview) -> list[date]:
    return sorted({d.date() if hasattr(d, "date") else d for d in result.facts["period_start"]})


def _said(result: importing.Preview) -> str:
    return " ".join(i for i in result.infos if "dates lues" in i)


@pytest.mark.both_stores
def test_the_linkedin_export_is_read_month_first_from_the_campaigns_dates_and_loads(store):
    _campaign(store, "2025-06-01", "2025-06-30")
    result = _preview(store, LINKEDIN.name)
    assert result.ok, result.errors
    assert _days(result)[0] == date(2025, 6, 2) and _days(result)[-1] == date(2025, 6, 12) and len(_days(result)) == 11
    assert result.date_reading == {"order": "mdy", "because": "campaign", "example": "6/2/2025", "shown": "6/2/2025",
                                   "weak": False}
    said = _said(result)
    assert "dates lues mois/jour («\u202f6/2/2025\u202f» = 2 juin 2025)" in said and "6 février 2025" in said
    assert "--date-order dmy" in said
    outcome = importing.load(store, result)
    with store.read() as con:
        first, last = con.execute("select min(period_start), max(period_end) from metric_fact where ingestion_id = $i",
                                  {"i": outcome.ingestion_id}).fetchone()
    assert (first, last) == (date(2025, 6, 2), date(2025, 6, 12))


def test_the_other_reading_chosen_puts_the_days_outside_and_the_refusal_names_the_reading(store):
    _campaign(store, "2025-06-01", "2025-06-30")
    result = _preview(store, LINKEDIN.name, date_order="dmy")
    assert result.date_reading["because"] == "manager"
    assert _days(result)[0] == date(2025, 2, 6) and _days(result)[-1] == date(2025, 12, 6)
    refusal = " ".join(result.errors)
    assert "hors des dates de la campagne" in refusal
    assert "lues jour/mois" in refusal and "--date-order mdy" in refusal


def test_without_campaign_dates_the_tools_words_decide_and_the_page_is_asked(store):
    result = _preview(store, LINKEDIN.name)
    assert result.ok, result.errors
    assert result.date_reading["because"] == "language" and result.date_reading["weak"]
    assert _days(result)[0] == date(2025, 6, 2)
    assert "outil américain" in _said(result)


def test_the_us_google_ads_week_is_read_from_its_titles_period(store):
    result = _preview(store, "google_ads_us_jours.csv")
    assert result.ok, result.errors
    assert result.date_reading["because"] == "title" and result.date_reading["order"] == "mdy"
    assert _days(result) == [date(2025, 6, d) for d in range(2, 9)]


def test_a_french_monthly_recap_stays_day_first(store):
    _campaign(store, "2025-06-01", "2025-07-31")
    result = _preview(store, "partenaire_mensuel_fr.csv")
    assert result.ok, result.errors
    assert _days(result) == [date(2025, 6, 1), date(2025, 7, 1)]       # never 6 and 7 January
    assert result.date_reading["order"] == "dmy"
    # each row is its month, not its first day: June, then July
    ends = sorted({d.date() if hasattr(d, "date") else d for d in result.facts["period_end"]})
    assert ends == [date(2025, 6, 30), date(2025, 7, 31)]
    assert any("tombent toutes le 1er d'un mois" in i for i in result.infos)


def test_a_british_export_is_read_day_first_by_its_currency(store, tmp_path):
    """Meta's Ads Manager in en-GB: English headers, amounts in GBP, 02/06/2025 is 2 June, not 6 February."""
    path = tmp_path / "meta_en_gb.csv"
    path.write_text("Day,Campaign name,Impressions,Link clicks,Amount spent (GBP)\n"
                    "02/06/2025,Jobs d'été 2025,48210,512,209.87\n03/06/2025,Jobs d'été 2025,51004,498,214.22\n"
                    "04/06/2025,Jobs d'été 2025,50112,530,220.10\n", encoding="utf-8")
    result = importing.preview(store, path, campaign=CAMPAIGN, partner="Partenaire")
    assert result.ok, result.errors
    assert result.date_reading["order"] == "dmy" and result.date_reading["because"] == "language"
    assert _days(result) == [date(2025, 6, 2), date(2025, 6, 3), date(2025, 6, 4)]


def test_a_french_weekly_recap_stays_day_first_without_any_campaign_date(store):
    result = _preview(store, "partenaire_hebdo_fr.csv")
    assert result.ok, result.errors
    assert _days(result) == [date(2025, 6, 2), date(2025, 6, 9)]
    assert result.date_reading["order"] == "dmy"
    # the cell as the file writes it, and the week it stands for
    assert "(«\u202f02/06/2025\u202f» = 2 juin 2025 – 8 juin 2025)" in _said(result)


def test_a_one_row_file_with_no_clue_is_read_the_french_way_and_says_so(store):
    result = _preview(store, "partenaire_date_ambigue.csv")
    assert result.ok, result.errors
    assert _days(result) == [date(2025, 6, 5)]
    assert result.date_reading["because"] == "default"
    assert "rien dans le fichier ne permet de trancher" in _said(result) and "6 mai 2025" in _said(result)
    assert _days(_preview(store, "partenaire_date_ambigue.csv", date_order="mdy")) == [date(2025, 5, 6)]


def test_a_file_whose_dates_read_one_way_only_says_nothing_about_the_order(store):
    result = _preview(store, "linkedin_campaign_performance.csv",
                      skip_campaigns=["Marque employeur - Always on"])
    assert result.ok, result.errors
    assert result.date_reading == {} and not _said(result)
    assert _days(result)[-1] == date(2025, 6, 13)


# -- the command line ---------------------------------------------------------------------------------------
def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _stored_days(store) -> tuple[date, date] | None:
    with store.read() as con:
        return con.execute("select min(period_start), max(period_end) from metric_fact").fetchone()


def test_the_command_line_reads_by_evidence_says_it_and_takes_date_order(store, capsys):
    _campaign(store, "2025-06-01", "2025-06-30")
    code, out, err = _run(capsys, "import", LINKEDIN, "--campaign", CAMPAIGN, "--partner", "Partenaire LinkedIn",
                          "--date-order", "dmy")
    assert code == 2 and "hors des dates de la campagne" in err and "--date-order mdy" in err
    assert _stored_days(store) == (None, None)                 # refused: nothing written
    code, out, err = _run(capsys, "import", LINKEDIN, "--campaign", CAMPAIGN, "--partner", "Partenaire LinkedIn",
                          "--date-order", "mdy")
    assert code == 0, err
    assert "dates lues mois/jour" in out and "c'est votre choix" in out
    assert _stored_days(store) == (date(2025, 6, 2), date(2025, 6, 12))


def test_the_command_line_without_the_flag_loads_the_evidences_reading(store, capsys):
    _campaign(store, "2025-06-01", "2025-06-30")
    code, out, err = _run(capsys, "import", LINKEDIN, "--campaign", CAMPAIGN, "--partner", "Partenaire LinkedIn")
    assert code == 0, err
    assert "dates lues mois/jour" in out and "dates de la campagne" in out
    assert _stored_days(store) == (date(2025, 6, 2), date(2025, 6, 12))


def test_a_wrong_date_order_is_refused_by_the_command_line(store, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["import", str(LINKEDIN), "--campaign", CAMPAIGN, "--date-order", "ymd"])
    assert stop.value.code == 2 and "dmy" in capsys.readouterr().err
