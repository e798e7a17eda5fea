"""`python -m resonance import / import-press / history / undo`: exit codes, --json shape, refusals that write nothing."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from resonance import i18n
from resonance.cli import main
from resonance.ingest import importing
from tests.fixtures.partner_files import build

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "fixtures" / "partner_files"
CAMPAIGN = "Match avec ton futur"


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def _counts(store) -> tuple[int, int, int, int]:
    with store.read() as con:
        return tuple(con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608
                     for table in ("ingestion", "metric_fact", "campaign", "partner"))


def test_import_json_has_the_documented_shape(store, capsys):
    code, out, err = _run(capsys, "import", FILES / "partenaire_fait_main.csv", "--campaign", CAMPAIGN,
                          "--partner", "Appli Campus+", "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert list(payload) == ["ingestions"]
    entry = payload["ingestions"][0]
    assert list(entry) == ["id", "file", "rows_loaded", "rows_rejected", "totals", "warnings", "errors"]
    assert entry["file"] == "partenaire_fait_main.csv" and entry["rows_loaded"] == 6 and entry["rows_rejected"] == 0
    assert entry["totals"] == {"clicks": 640.0, "impressions": 26850.0}
    assert entry["warnings"] == [] and entry["errors"] == []
    # campaign and partner named on the command line were created
    assert _counts(store)[2:] == (1, 1)


def test_same_file_twice_exit_0_and_says_so(store, capsys):
    args = ("import", FILES / "tiktok_ads.csv", "--campaign", CAMPAIGN, "--json")
    first = json.loads(_run(capsys, *args)[1])["ingestions"][0]
    before = _counts(store)
    code, out, _ = _run(capsys, *args)
    again = json.loads(out)["ingestions"][0]
    assert code == 0 and again["id"] == first["id"] and again["rows_loaded"] == 0
    assert any("déjà été chargé" in w for w in again["warnings"])
    assert _counts(store) == before


def test_unknown_campaign_names_refuse_the_file_and_say_how_to_map_them(store, capsys):
    code, out, err = _run(capsys, "import", FILES / "meta_ads_fr.csv")
    assert code == 2 and out == ""
    assert "«\u202fmeta_ads_fr.csv\u202f»" in err and "JobsEte25_Etudiants" in err
    assert '--map-campaign "JobsEte25_Etudiants=…"' in err
    assert _counts(store) == (0, 0, 0, 0)
    code, out, err = _run(capsys, "import", FILES / "meta_ads_fr.csv", "--map-campaign",
                          f"JobsEte25_Etudiants={CAMPAIGN}")
    assert code == 0, err
    assert "Impressions : 98\u202f400" in out
    # remembered: next time the name is known
    code, _, err = _run(capsys, "import", FILES / "meta_ads_en.csv", "--map-campaign",
                        f"Summer jobs 2025 - students={CAMPAIGN}")
    assert code == 0, err
    assert importing.preview(store, FILES / "meta_ads_fr.csv").already_loaded_as is not None


def test_rejected_rows_refuse_the_file_unless_skip_rejected(store, capsys):
    code, out, err = _run(capsys, "import", FILES / "valeurs_impossibles.csv", "--campaign", CAMPAIGN, "--json")
    assert code == 2
    assert "ligne 3, «\u202fDate\u202f»" in err and "--skip-rejected" in err
    entry = json.loads(out)["ingestions"][0]
    assert entry["id"] is None and entry["rows_rejected"] == 3 and entry["errors"]
    assert _counts(store) == (0, 0, 0, 0)
    code, out, err = _run(capsys, "import", FILES / "valeurs_impossibles.csv", "--campaign", CAMPAIGN,
                          "--skip-rejected", "--json")
    assert code == 0, err
    assert json.loads(out)["ingestions"][0]["rows_loaded"] == 4


def test_suspicious_values_refuse_the_file_unless_accepted(store, tmp_path, capsys):
    path = tmp_path / "bizarre.csv"
    path.write_text("Date;Affichages;Clics\n02/06/2025;100;150\n", encoding="utf-8")
    code, _, err = _run(capsys, "import", path, "--campaign", CAMPAIGN)
    assert code == 2 and "plus de clics que d'impressions" in err and "--accept-warnings" in err
    assert _counts(store) == (0, 0, 0, 0)
    assert _run(capsys, "import", path, "--campaign", CAMPAIGN, "--accept-warnings")[0] == 0


def test_one_refused_file_among_several_loads_none(store, capsys):
    code, _, err = _run(capsys, "import", FILES / "tiktok_ads.csv", FILES / "stock.csv", "--campaign", CAMPAIGN)
    assert code == 2 and "«\u202fstock.csv\u202f» ne ressemble pas à un rapport" in err
    assert "«\u202ftiktok_ads.csv\u202f» n'a pas été chargé" in err
    assert _counts(store) == (0, 0, 0, 0)


def test_sheet_option_and_partner_name_with_quotes_and_semicolons(store, tmp_path, capsys):
    workbook = build.workbook(tmp_path)
    partner = 'Les "Amis"; du Vélo'
    code, out, err = _run(capsys, "import", workbook, "--campaign", CAMPAIGN, "--partner", partner,
                          "--sheet", "Par magasin", "--json")
    assert code == 0, err
    assert json.loads(out)["ingestions"][0]["totals"] == {"impressions": 12000.0}
    code, out, _ = _run(capsys, "history", "--json")
    assert json.loads(out)["ingestions"][0]["partner"] == partner
    code, _, err = _run(capsys, "import", workbook, "--campaign", CAMPAIGN, "--sheet", "Feuil9")
    assert code == 2 and "n'a pas de feuille «\u202fFeuil9\u202f»" in err


def test_import_press_history_and_undo(store, capsys):
    code, out, err = _run(capsys, "import-press", FILES / "revue_de_presse.csv", "--campaign", CAMPAIGN, "--json")
    assert code == 0, err
    entry = json.loads(out)["ingestions"][0]
    assert entry["rows_loaded"] == 3 and entry["totals"] == {"press_mentions": 3.0}
    code, out, _ = _run(capsys, "history")
    assert code == 0 and f"n°{entry['id']}" in out and "revue_de_presse.csv" in out and "[chargé]" in out
    assert re.search(r"  \d{2}/\d{2}/\d{4} \d{2}:\d{2}  ", out) and not re.search(r"\d{4}-\d{2}-\d{2}", out)   # no ISO stamp
    code, out, _ = _run(capsys, "history", "--json")
    listed = json.loads(out)["ingestions"][0]
    assert listed["totals"] == {"press_mentions": 3.0} and listed["status"] == "loaded"
    code, out, _ = _run(capsys, "undo", entry["id"])
    assert code == 0 and "articles retirés : 3" in out
    with store.read() as con:
        assert con.execute("select count(*) from press_mention").fetchone()[0] == 0
    code, _, err = _run(capsys, "undo", entry["id"])
    assert code == 2 and "déjà été annulé" in err
    assert _run(capsys, "undo", 999)[0] == 2


def test_the_real_command_line_process(store, tmp_path, capsys):
    """The installed entry point, in its own process: exit code and JSON on stdout; a refusal on stderr.

    One process is started (a Python start and its fork server: ~2 s); a refusal's exit code 2 and stderr through a
    real process are test_bounded_parsing.py's and test_demo.py's, so the refused file is given to `main` here."""
    done = subprocess.run([sys.executable, "-m", "resonance", "import", str(FILES / "x_ads.csv"), "--campaign", CAMPAIGN,
                           "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ingestions"][0]["totals"]["impressions"] == 24300.0
    code, out, err = _run(capsys, "import", FILES / "garbage.csv", "--campaign", CAMPAIGN)
    assert code == 2 and out == "" and "«\u202fgarbage.csv\u202f» n'est pas un fichier texte" in err


def test_the_summary_writes_every_figure_by_the_one_display_rule(store, capsys):
    """Spend carries its unit ("Dépenses : 85,10" was a bare number); counts are grouped, in either language."""
    code, out, err = _run(capsys, "import", FILES / "tiktok_ads.csv", "--campaign", CAMPAIGN)
    assert code == 0, err
    lines = out.splitlines()
    assert "  Dépenses : 93\u202f€" in lines                       # 45,50 + 47,25 € at the figures model's decimals
    assert "  Impressions : 41\u202f000" in lines
    try:
        code, out, err = _run(capsys, "--lang", "en", "import", FILES / "tiktok_ads.csv", "--campaign", "Autre campagne")
    finally:
        i18n.set_language("fr")                     # as a new process would start
    assert code == 0, err
    assert "  Spend : €93" in out.splitlines() and "  Impressions : 41,000" in out.splitlines()


def test_a_reach_reported_day_by_day_is_never_summed(store, tmp_path, capsys):
    """A reach is de-duplicated by the tool that measured it: the summary gives the largest value, said as such."""
    export = tmp_path / "tiktok_jour.csv"
    export.write_text("By Day,Campaign name,Cost,Impressions,Clicks (destination),Reach\n"
                      '2026-06-02,Été,"1,204.50","292,350","3,170","181,200"\n'
                      '2026-06-03,Été,"1,180.00","291,358","2,950","178,900"\n', encoding="utf-8-sig")
    code, out, err = _run(capsys, "import", export, "--campaign", CAMPAIGN, "--partner", "TikTok")
    assert code == 0, err
    lines = out.splitlines()
    assert "  Couverture (la plus grande valeur déclarée) : 181\u202f200" in lines, lines
    assert "  Impressions : 583\u202f708" in lines                  # volumes still add up
    preview = importing.preview(store, export.read_bytes(), export.name, campaign=CAMPAIGN, partner="TikTok")
    assert preview.totals["reach"] == 181_200 and preview.totals["impressions"] == 583_708


def test_the_summary_after_a_load_says_what_was_done_not_what_will_be(store, tmp_path, capsys):
    """The preview foretells ("sera créé", "remplacera"); the summary printed after the load says it happened."""
    first, second = tmp_path / "juin.csv", tmp_path / "juin corrigé.csv"
    first.write_text("Date;Impressions;Clics\n02/06/2025;1000;10\n03/06/2025;2000;20\n", encoding="utf-8")
    second.write_text("Date;Impressions;Clics\n03/06/2025;2500;25\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", first, "--campaign", "Été nouveau", "--partner", "Appli neuve")
    assert code == 0, err
    assert "La campagne «\u202fÉté nouveau\u202f» n'existait pas : elle a été créée par ce chargement." in out
    assert "Le partenaire «\u202fAppli neuve\u202f» n'existait pas : il a été créé par ce chargement." in out
    assert "sera créé" not in out
    code, out, err = _run(capsys, "import", second, "--campaign", "Été nouveau", "--partner", "Appli neuve")
    assert code == 0, err
    assert "Ce fichier a remplacé 2 chiffres déjà enregistrés" in out and "remplacera" not in out
    try:
        code, out, err = _run(capsys, "--lang", "en", "import", first, "--campaign", "Summer", "--partner", "New app")
    finally:
        i18n.set_language("fr")
    assert code == 0, err
    assert "Campaign “Summer” did not exist: this load created it." in out and "will be created" not in out
    # the same file previewed, before any load, still says what will happen
    preview = importing.preview(store, first.read_bytes(), first.name, campaign="Autre", partner="Appli neuve")
    assert any("elle sera créée au chargement" in i for i in preview.infos)


@pytest.mark.parametrize(("name", "header", "spend_column"), [
    ("reddit_ads.csv", "Date,Campaign Name,Impressions,Clicks,CTR,CPC,eCPM,Amount Spent (USD)", "Amount Spent (USD)"),
    # a spend the vocabulary knows (Snapchat's "Amount Spent"), its cells in dollars
    ("snapchat_ads.csv", "Date,Campaign Name,Impressions,Clicks,CTR,CPC,eCPM,Amount Spent", "Amount Spent"),
])
def test_a_spend_in_dollars_is_named_and_never_loaded_as_euros(store, tmp_path, capsys, name, header, spend_column):
    """Ad exports in dollars (the tools' documented columns): the clicks land; the spend is said, never taken as €."""
    path = tmp_path / name
    path.write_text(f"{header}\n"
                    "2025-06-02,Jobs d'été 2025,\"48,210\",512,1.06%,$0.41,$4.35,$209.87\n"
                    "2025-06-03,Jobs d'été 2025,\"51,004\",498,0.98%,$0.43,$4.20,$214.22\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", path, "--campaign", "Jobs d'été", "--partner", "Régie")
    assert code == 0, err
    said = re.sub(r"\s+", " ", out + err).replace("\u202f", " ")
    assert "autre monnaie que l'euro" in said and f"« {spend_column} »" in said
    with store.read() as con:
        stored = dict(con.execute("select metric, sum(value) from metric_fact group by 1").fetchall())
    assert stored == {"impressions": 99_214, "clicks": 1_010}
    # mapped to the spend by hand, the dollars are still not euros: refused, nothing written, and the way out it
    # names (keep the column as the partner's own metric) lands the amounts as they were reported
    path.write_text(path.read_text(encoding="utf-8").replace("2025-06-0", "2025-07-0"), encoding="utf-8")
    code, out, err = _run(capsys, "import", path, "--campaign", "Jobs d'été", "--partner", "Régie",
                          "--map", f"{spend_column}=spend")
    said = re.sub(r"\s+", " ", err).replace("\u202f", " ")
    assert code == 2 and out == "" and f"la colonne « {spend_column} » est en USD" in said, err
    assert "rien n'est chargé" in said
    with store.read() as con:
        assert dict(con.execute("select metric, sum(value) from metric_fact group by 1").fetchall()) == stored
    way_out = shlex.split(re.search(r'--metric "[^"]*"', said).group(0))
    assert way_out == ["--metric", f"{spend_column}=Dépense:USD"]
    code, _, err = _run(capsys, "import", path, "--campaign", "Jobs d'été", "--partner", "Régie", *way_out)
    assert code == 0, err
    with store.read() as con:
        kept = con.execute("select sum(value) from metric_fact where metric like 'partner:%'").fetchone()[0]
    assert round(kept, 2) == 424.09
