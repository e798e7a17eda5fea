"""`python -m resonance import` does what the Importer page does (issue 12), on real-shaped partner files of the corpus.

Partner-defined metrics, the file's campaign labels mapped or left out, the period of a file without
dates, the date column, column roles, days outside the campaign: each choice has its flag, every
refusal names the page action and the flag, and a refusal writes nothing.
"""
from __future__ import annotations

import io
import re
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
from pptx import Presentation

from resonance.cli import main
from resonance.ingest import importing
from resonance.reports import deck
from resonance.services import review
from resonance.services.partnership import campaign_id as find_campaign

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "partner_reports" / "files"
CAMPAIGN = "Jobs d'été 2025"


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def _written(store) -> tuple[int, ...]:
    with store.read() as con:
        return tuple(con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608
                     for table in ("ingestion", "metric_fact", "campaign", "partner", "partner_metric", "reported_rate"))


def _totals(store, campaign: str = CAMPAIGN) -> dict[str, float]:
    with store.read() as con:
        return dict(con.execute("select f.metric, sum(f.value) from metric_fact f join campaign c on c.id = f.campaign_id"
                                " where c.name = $c group by f.metric", {"c": campaign}).fetchall())


def _campaign_with_dates(store, start: str, end: str, name: str = CAMPAIGN) -> None:
    with store.transaction() as con:
        con.execute("insert into campaign (name, start_date, end_date) values ($n, $s::date, $e::date)",
                    {"n": name, "s": start, "e": end})


# -- 1. never a dead end: partner-defined metrics ------------------------------------------------------------
def test_a_file_with_no_known_metric_loads_as_the_partners_own_metrics_shown_on_the_review(store, capsys):
    name = "association_bilan_actions.ods"
    code, out, err = _run(capsys, "import", CORPUS / name, "--campaign", CAMPAIGN, "--partner", "Association Jeunesse+",
                          "--metric", "Participants=Jeunes accueillis:jeunes")
    assert code == 0, err
    assert "Affiches posées : 289" in out and "Jeunes accueillis : 549" in out
    # the codes are the vocabulary's (the same figure of two partners adds up); the labels are the manager's
    assert _totals(store) == {"partner:posters_put_up": 289, "partner:flyers_handed_out": 3703,
                              "partner:events_held": 12, "partner:event_attendance": 549}
    with store.read() as con:
        defined = {r[0]: r[1:] for r in con.execute(
            "select label, unit, amec, peso, additive from partner_metric order by label").fetchall()}
    # attendance is an outtake in the vocabulary; a partner's own medium is "shared" for the campaign
    assert defined["Jeunes accueillis"] == ("jeunes", "outtake", "shared", True)
    assert defined["Affiches posées"][0] == "affiches"
    with store.read() as con:
        bilan = review.campaign_review(store, find_campaign(con, CAMPAIGN))
    shown = {f.title: (f.value, f.unit) for f in review.partner_figures(bilan)}
    assert shown["Affiches posées · Association Jeunesse+"] == (289, "affiches")
    assert shown["Jeunes accueillis · Association Jeunesse+"] == (549, "jeunes")
    with store.read() as con:
        pptx = deck.build(store, find_campaign(con, CAMPAIGN), "fr")
    lines = [shape.text_frame.text for slide in Presentation(io.BytesIO(pptx)).slides for shape in slide.shapes
             if shape.has_text_frame and shape.name == "partner metrics"]
    assert len(lines) == 1 and lines[0].startswith("Indicateurs propres aux partenaires : ")
    assert "Affiches posées · Association Jeunesse+ 289 affiches" in lines[0]


def test_a_figure_that_does_not_add_up_is_kept_as_the_total_row_states_it(store, tmp_path):
    radio = tmp_path / "bilan radio.csv"
    radio.write_text("Station;Spots diffusés;GRP\nRTL;40;52,1\nNRJ;35;61,3\nTotal;75;113,4\n", encoding="utf-8")
    grp = importing.PartnerMetric(header="GRP", label="GRP 25-49 ans", unit="points", amec="output", peso="paid",
                                  additive=False)
    result = importing.preview(store, radio, radio.name, campaign=CAMPAIGN, partner="Régie radio",
                               mapping={"Station": "label"}, partner_metrics={"GRP": grp},
                               period=(date(2025, 6, 2), date(2025, 6, 29)))
    assert result.ok, result.errors
    assert result.totals == {"partner:spots_aired": 75}          # the total row is never added
    assert result.reported_rates[["rate", "value"]].values.tolist() == [["partner:grp", 113.4]]   # the vocabulary's code, the label is the manager's
    importing.load(store, result)
    with store.read() as con:
        bilan = review.campaign_review(store, find_campaign(con, CAMPAIGN))
    figures = {f.title: (f.value, f.unit, f.as_reported) for f in review.partner_figures(bilan)}
    assert figures == {"Spots diffusés · Régie radio": (75, "spots", False),
                       "GRP 25-49 ans · Régie radio": (113.4, "points", True)}
    without_total = tmp_path / "sans total.csv"
    without_total.write_text("Station;Spots diffusés;GRP\nRTL;40;52,1\nNRJ;35;61,3\n", encoding="utf-8")
    result = importing.preview(store, without_total, without_total.name, campaign=CAMPAIGN, partner="Régie radio",
                               mapping={"Station": "label"}, partner_metrics={"GRP": grp},
                               period=(date(2025, 6, 2), date(2025, 6, 29)))
    assert result.reported_rates.empty and any("«\u202fGRP 25-49 ans\u202f» ne s'additionne pas" in i for i in result.infos)


def test_next_months_file_of_the_partner_maps_its_own_metrics_itself(store, capsys, tmp_path):
    first = tmp_path / "juin.csv"
    first.write_text("Date;Lieu;Affiches posées;Passages stand\n02/06/2025;Lyon;40;120\n03/06/2025;Lyon;12;80\n",
                     encoding="utf-8")
    code, _, err = _run(capsys, "import", first, "--campaign", CAMPAIGN, "--partner", "Asso",
                        "--metric", "Passages stand=Visiteurs du stand:visiteurs")
    assert code == 0, err
    # July's file also has impressions: the unknown columns are no longer guessed, only remembered
    july = tmp_path / "juillet.csv"
    july.write_text("Date;Affichages;Affiches posées;Passages stand;Note\n01/07/2025;500;5;30;4\n", encoding="utf-8")
    result = importing.preview(store, july, "juillet.csv", campaign=CAMPAIGN, partner="Asso")
    assert result.ok, result.errors
    assert result.totals == {"impressions": 500, "partner:posters_put_up": 5, "partner:visiteurs_du_stand": 30}
    assert result.partner_metrics["Passages stand"].label == "Visiteurs du stand"
    assert any("«\u202fNote\u202f»" in i and "--metric" in i for i in result.infos)      # named, not kept


def test_the_partner_metrics_of_a_file_with_a_partner_column_keep_their_label_on_the_review(store, capsys, tmp_path):
    shared = tmp_path / "relais.csv"
    shared.write_text("Date;Partenaire;Affiches posées;Passages stand\n02/06/2025;Asso Nord;40;120\n"
                      "03/06/2025;Asso Sud;12;80\n", encoding="utf-8")
    code, _, err = _run(capsys, "import", shared, "--campaign", CAMPAIGN, "--accept-warnings",
                        "--metric", "Passages stand=Visiteurs du stand:visiteurs")
    assert code == 0, err
    with store.read() as con:
        bilan = review.campaign_review(store, find_campaign(con, CAMPAIGN))
        owners = {r[0] for r in con.execute("select coalesce(p.name, '') from partner_metric m"
                                            " left join partner p on p.id = m.partner_id").fetchall()}
    shown = {f.title: f.value for f in review.partner_figures(bilan)}
    assert shown == {"Affiches posées · Asso Nord": 40, "Affiches posées · Asso Sud": 12,
                     "Visiteurs du stand · Asso Nord": 120, "Visiteurs du stand · Asso Sud": 80}
    assert owners == {"", "Asso Nord", "Asso Sud"}       # and remembered for a file without a partner


def test_the_same_file_again_with_other_choices_says_to_undo_the_first_load(store, capsys):
    name = CORPUS / "association_bilan_actions.ods"
    code, _, err = _run(capsys, "import", name, "--campaign", CAMPAIGN, "--partner", "Association Jeunesse+")
    assert code == 0, err
    before = _written(store)
    code, out, err = _run(capsys, "import", name, "--campaign", CAMPAIGN, "--partner", "Association Jeunesse+",
                          "--metric", "Participants=Jeunes accueillis:jeunes")
    assert code == 0, err
    assert "annulez d'abord le chargement n°1" in out and "`undo 1`" in out
    assert _written(store) == before


def test_identifiers_and_postcodes_are_never_taken_for_the_partners_own_figures(store, tmp_path):
    sheet = tmp_path / "actions.csv"
    sheet.write_text("Date;Code postal;Année;Actions menées\n02/06/2025;69001;2025;4\n03/06/2025;13002;2025;6\n",
                     encoding="utf-8")
    result = importing.preview(store, sheet, sheet.name, campaign=CAMPAIGN, partner="Asso")
    assert result.ok, result.errors
    assert {d.header for d in result.partner_metrics.values()} == {"Actions menées"}
    assert result.totals == {"partner:actions_menees": 10}


def test_a_stock_list_is_still_not_a_report_and_the_refusal_names_the_page_and_the_flags(store, capsys, tmp_path):
    stock = tmp_path / "stock.csv"
    stock.write_text("Référence;Désignation;Quantité en stock\nA-001;Vis;1 200\n", encoding="utf-8")
    before = _written(store)
    code, out, err = _run(capsys, "import", stock, "--campaign", CAMPAIGN)
    assert code == 2 and out == ""
    assert "«\u202fstock.csv\u202f» ne ressemble pas à un rapport" in err
    assert "tableau de correspondance" in err
    # the hints can be pasted into a shell: straight quotes around the value, never « »
    assert '--map "En-tête=clicks"' in err and '--metric "En-tête=libellé:unité"' in err
    assert shlex.split(err[err.index("--metric"):].split(".")[0]) == ["--metric", "En-tête=libellé:unité"]
    assert _written(store) == before


def test_a_malformed_flag_value_says_the_shape_to_type_and_writes_nothing(store, capsys):
    before = _written(store)
    code, out, err = _run(capsys, "import", CORPUS / "meta_ads_fr.csv", "--campaign", CAMPAIGN, "--metric", "Clics")
    assert code == 2 and out == ""
    assert '--metric «\u202fClics\u202f» : écrivez --metric "En-tête=libellé[:unité]".' in err
    assert _written(store) == before


# -- 2. several campaigns or sends in one file ----------------------------------------------------------------
def test_forcing_a_campaign_on_a_file_of_several_asks_which_labels_belong_and_writes_nothing(store, capsys):
    before = _written(store)
    code, out, err = _run(capsys, "import", CORPUS / "meta_ads_fr.csv", "--campaign", CAMPAIGN)
    assert code == 2 and out == ""
    assert "contient plusieurs campagnes" in err and "«\u202fJobsEte25_Etudiants\u202f», «\u202fBoutique - Soldes d'été\u202f»" in err
    assert "Celles dont le nom y ressemble : «\u202fJobsEte25_Etudiants\u202f»" in err
    assert "Campagnes du fichier" in err and '--skip-campaign "Boutique - Soldes d\'été"' in err
    # each label with its totals, as the page's table lists them
    assert "  «\u202fJobsEte25_Etudiants\u202f» (" in err and "Clics 6 146" in err.replace("\u202f", " ")
    assert "→ à choisir (--skip-campaign ou --map-campaign)" in err
    assert _written(store) == before


def test_skip_campaign_leaves_the_partners_own_campaign_out(store, capsys):
    code, _, err = _run(capsys, "import", CORPUS / "meta_ads_fr.csv", "--campaign", CAMPAIGN,
                        "--skip-campaign", "Boutique - Soldes d'été")
    assert code == 0, err
    totals = _totals(store)
    assert totals["impressions"] == 428815 and totals["clicks"] == 6146
    assert round(totals["spend"], 2) == 3861.71


def test_each_label_mapped_to_its_campaign_and_a_misspelt_label_refused(store, capsys):
    code, _, err = _run(capsys, "import", CORPUS / "brevo_campagnes.xlsx", "--campaign", CAMPAIGN,
                        "--map-campaign", "Newsletter partenaire juin=Newsletter du partenaire",
                        "--skip-campaign", "[TEST] Jobs d'été - Envoi 1")
    assert code == 0, err
    assert _totals(store)["sends"] == 94500                       # the two sends of the campaign
    assert _totals(store, "Newsletter du partenaire")["sends"] == 61000
    before = _written(store)
    code, _, err = _run(capsys, "import", CORPUS / "mailchimp_campaigns.csv", "--campaign", CAMPAIGN,
                        "--skip-campaign", "Monthly digest Juin")
    assert code == 2 and "aucune ligne n'a pour campagne «\u202fMonthly digest Juin\u202f»" in err
    assert "--skip-campaign" in err and _written(store) == before


def test_without_a_campaign_each_name_is_mapped_or_left_out(store, capsys):
    before = _written(store)
    code, _, err = _run(capsys, "import", CORPUS / "meta_ads_fr.csv", "--map-campaign", f"JobsEte25_Etudiants={CAMPAIGN}")
    assert code == 2 and "«\u202fBoutique - Soldes d'été\u202f»" in err and '--skip-campaign "Boutique - Soldes d\'été"' in err
    assert _written(store) == before
    code, _, err = _run(capsys, "import", CORPUS / "meta_ads_fr.csv", "--map-campaign", f"JobsEte25_Etudiants={CAMPAIGN}",
                        "--skip-campaign", "Boutique - Soldes d'été")
    assert code == 0, err
    assert _totals(store)["clicks"] == 6146
    with store.read() as con:
        assert [r[0] for r in con.execute("select name from campaign").fetchall()] == [CAMPAIGN]


# -- 3. the real column wins --------------------------------------------------------------------------------
def test_a_rate_beside_its_count_is_not_converted_and_the_preview_says_so(store, capsys):
    result = importing.preview(store, CORPUS / "meta_ads_fr.csv", "meta_ads_fr.csv", campaign=CAMPAIGN,
                               skip_campaigns=["Boutique - Soldes d'été"])
    assert result.totals["clicks"] == 6146                         # the clicks column, not CTR × impressions
    assert any("n'est pas converti en nombre" in i and "Clics" in i for i in result.infos)
    assert round(result.totals["spend"], 2) == 3861.71             # spend is never dropped


# -- 4. the command line can do what the page does ------------------------------------------------------------
def test_map_gives_a_column_its_role_and_a_wrong_role_is_refused(store, capsys):
    before = _written(store)
    code, _, err = _run(capsys, "import", CORPUS / "pinterest_ads.csv", "--campaign", CAMPAIGN,
                        "--map", "Paid impressions=impressionz")
    assert code == 2 and "«\u202fimpressionz\u202f» n'est pas un rôle de colonne" in err and _written(store) == before
    code, _, err = _run(capsys, "import", CORPUS / "pinterest_ads.csv", "--campaign", CAMPAIGN,
                        "--map", "Paid impresions=impressions", "--metric", "Savez=Épingles enregistrées")
    assert code == 2 and "n'a pas de colonne «\u202fPaid impresions\u202f», «\u202fSavez\u202f»" in err
    assert "--map ou --metric" in err and "tableau de correspondance" in err and _written(store) == before
    code, _, err = _run(capsys, "import", CORPUS / "pinterest_ads.csv", "--campaign", CAMPAIGN, "--partner", "Pinterest",
                        "--map", "paid impressions=impressions", "--map", "Spend in account currency=spend",
                        "--map", "Outbound clicks=clicks")
    assert code == 0, err
    totals = _totals(store)
    assert totals["impressions"] == 235689 and round(totals["spend"], 2) == 911.12 and totals["clicks"] == 856


def test_date_column_names_the_column_of_dates(store, capsys):
    code, _, err = _run(capsys, "import", CORPUS / "acast_podcast_weekly.csv", "--campaign", CAMPAIGN,
                        "--partner", "Podcast", "--date-column", "Week")
    assert code == 0, err
    assert _totals(store) == {"impressions": 345815, "clicks": 982}
    code, _, err = _run(capsys, "import", CORPUS / "acast_podcast_weekly.csv", "--campaign", CAMPAIGN,
                        "--date-column", "Semaine")
    assert code == 2 and "n'a pas de colonne «\u202fSemaine\u202f»" in err and "Colonne de date" in err


def test_a_file_without_dates_takes_the_period_given_or_the_campaigns_dates_and_says_so(store, capsys):
    name = CORPUS / "youtube_studio_videos.csv"
    before = _written(store)
    code, _, err = _run(capsys, "import", name, "--campaign", CAMPAIGN, "--map", "Vues=video_views")
    assert code == 2 and "n'a ni colonne de date ni période écrite" in err
    assert "Période couverte" in err and "--period 2025-06-02..2025-07-13" in err and _written(store) == before
    code, _, err = _run(capsys, "import", name, "--campaign", CAMPAIGN, "--period", "13/07/2025")
    assert code == 2 and "--period «\u202f13/07/2025\u202f»" in err
    _campaign_with_dates(store, "2025-06-02", "2025-07-13")
    code, out, err = _run(capsys, "import", name, "--campaign", CAMPAIGN, "--partner", "Chaîne",
                          "--map", "Vues=video_views", "--map", "Contenu=label")
    assert code == 0, err
    assert "ses chiffres prennent les dates de la campagne, du 2 juin 2025 au 13 juillet 2025" in out
    with store.read() as con:
        period = con.execute("select distinct period_start, period_end from metric_fact").fetchall()
    assert [(str(a), str(b)) for a, b in period] == [("2025-06-02", "2025-07-13")]
    assert _totals(store)["video_views"] == 101984


def test_period_flag_on_a_file_without_dates(store, capsys):
    code, out, err = _run(capsys, "import", CORPUS / "youtube_studio_videos.csv", "--campaign", CAMPAIGN,
                          "--map", "Vues=video_views", "--map", "Contenu=label", "--period", "2025-06-02..2025-07-13")
    assert code == 0, err
    assert "ses chiffres couvrent la période indiquée, du 2 juin 2025 au 13 juillet 2025" in out
    assert _totals(store)["video_views"] == 101984


# -- 5. days outside the campaign's dates --------------------------------------------------------------------
def test_days_outside_the_campaign_are_left_out_or_extend_it_never_loaded_silently(store, capsys):
    _campaign_with_dates(store, "2025-06-02", "2025-06-08")
    name = CORPUS / "pinterest_ads.csv"             # 2 to 15 June
    args = ("import", name, "--campaign", CAMPAIGN, "--map", "Paid impressions=impressions")
    before = _written(store)
    code, _, err = _run(capsys, *args)
    assert code == 2 and "hors des dates de la campagne «\u202fJobs d'été 2025\u202f»" in err
    assert "du 9 juin 2025 au 15 juin 2025" in err and "--outside-dates drop" in err and "Jours hors des dates" in err
    assert _written(store) == before
    code, out, err = _run(capsys, *args, "--outside-dates", "drop")
    assert code == 0, err
    assert "du 9 juin 2025 au 15 juin 2025, hors des dates de la campagne" in out and "laissés de côté" in out
    with store.read() as con:
        last = con.execute("select max(period_end) from metric_fact").fetchone()[0]
    assert str(last) == "2025-06-08" and _totals(store)["impressions"] < 235689
    importing.undo(store, int(importing.history(store)["id"].iloc[0]))    # the same file, decided the other way
    code, out, err = _run(capsys, *args, "--outside-dates", "extend")
    assert code == 0, err
    with store.read() as con:
        dates = con.execute("select start_date, end_date from campaign where name = $n", {"n": CAMPAIGN}).fetchone()
    assert [str(d) for d in dates] == ["2025-06-02", "2025-06-15"] and _totals(store)["impressions"] == 235689


# -- 6. the store is held only for the load ----------------------------------------------------------------
def test_the_store_is_free_while_the_file_is_parsed(store, tmp_path, monkeypatch):
    # In this process: the bounded child's progress reaches the parent asynchronously (the child may already be past
    # the parse when the parent hears of it); the child's own use of the store is tested by test_store_busy.py.
    monkeypatch.setenv("RESONANCE_PARSE_SANDBOX", "0")
    # what is tested is that no unit of work spans the parse; the file's short linger after one is tested in test_store
    monkeypatch.setenv("RESONANCE_STORE_LINGER", "0")
    rows = "\n".join(f"{(d % 28) + 1:02d}/06/2025;{d};{d % 7}" for d in range(2000))
    path = tmp_path / "gros.csv"
    path.write_text("Date;Affichages;Clics\n" + rows + "\n", encoding="utf-8")
    seen = []

    def while_parsing(_fraction, label):
        if label == "parse" and not seen:
            # another process opens (and could write) the store file in the middle of the parse
            probe = subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()",
                                    str(store.path)], capture_output=True, text=True, timeout=60)
            seen.append(probe.returncode)
    store.version()
    result = importing.preview(store, path, "gros.csv", campaign=CAMPAIGN, progress=while_parsing)
    assert result.ok and seen == [0]
    duckdb.connect(str(store.path)).close()


# -- a monthly report: each row is its month, never the 1st alone ------------------------------------------------
def _periods(store) -> set[tuple[date, date]]:
    with store.read() as con:
        return set(con.execute("select distinct period_start, period_end from metric_fact").fetchall())


JUNE_TO_AUGUST = {(date(2025, 6, 1), date(2025, 6, 30)), (date(2025, 7, 1), date(2025, 7, 31)),
                  (date(2025, 8, 1), date(2025, 8, 31))}


def test_a_month_column_loads_each_row_as_its_whole_month(store, capsys, tmp_path):
    monthly = tmp_path / "bilan-mensuel.csv"
    monthly.write_text("Mois;Affichages;Clics\n01/06/2025;12 000;310\n01/07/2025;15 500;402\n01/08/2025;9 800;215\n",
                       encoding="utf-8")
    code, _, err = _run(capsys, "import", monthly, "--campaign", CAMPAIGN, "--partner", "Asso", "--outside-dates",
                        "extend")
    assert code == 0, err
    assert _periods(store) == JUNE_TO_AUGUST
    assert _totals(store) == {"impressions": 37_300, "clicks": 927}


def test_dates_all_on_the_first_of_a_month_are_read_as_months_and_said_with_the_way_back(store, capsys, tmp_path):
    """A "Date" column holding 01/06, 01/07, 01/08 (a tool's monthly export): months, said; the manager who knows
    they are days says so with the role the sentence names, and gets three days."""
    series = tmp_path / "export.csv"
    series.write_text("Date;Impressions;Clics\n01/06/2025;12000;310\n01/07/2025;15500;402\n01/08/2025;9800;215\n",
                      encoding="utf-8")
    argv = ["import", series, "--campaign", CAMPAIGN, "--partner", "Asso", "--outside-dates", "extend"]
    code, out, err = _run(capsys, *argv)
    said = (out + err).replace("\u202f", " ")
    assert code == 0, err
    assert "les dates de la colonne « Date » tombent toutes le 1er d'un mois (01/06/2025 … 01/08/2025)" in said
    assert _periods(store) == JUNE_TO_AUGUST
    way_back = shlex.split(re.search(r'--map "[^"]*"', said).group(0))
    assert way_back == ["--map", "Date=period_start"]
    other = tmp_path / "export-jours.csv"
    other.write_text(series.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _run(capsys, "import", other, "--campaign", CAMPAIGN, "--partner", "Autre asso",
                          "--outside-dates", "extend", *way_back)
    assert code == 0, err
    assert "1er d'un mois" not in (out + err)
    assert {(date(2025, 6, 1), date(2025, 6, 1)), (date(2025, 7, 1), date(2025, 7, 1))} <= _periods(store)
