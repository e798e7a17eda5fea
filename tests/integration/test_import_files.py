"""Partner files as they really come (one fixture per export shape): what the preview finds and what lands in the store."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from resonance.ingest import importing
from tests.fixtures.partner_files import build

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "partner_files"
CAMPAIGN = "Match avec ton futur"


@pytest.fixture(autouse=True)
def _read_in_this_process(monkeypatch):
    """What is checked here is the reading; the bounded child is a transport, the same for every file (a process
    start and a store opening each time): its limits are test_bounded_parsing.py's, and the CLI tests and the
    corpus's first file of each format read through it."""
    monkeypatch.setenv("RESONANCE_PARSE_SANDBOX", "0")


@pytest.fixture(scope="module")
def binary(tmp_path_factory):
    """The binary exports (xlsx, UTF-16, Windows-1252) written once per module: the tests only read them."""
    return build.all_binary(tmp_path_factory.mktemp("binary"))


def _source(name, binary):
    return binary[name] if name in binary else FILES / name


# name, options, expected totals, platform, totals rows recognised
CASES = [
    # a reach never adds up (de-duplicated by whoever measured it): the file's figure is its largest day
    ("meta_ads_fr.csv", {}, {"impressions": 98_400, "clicks": 1_530, "reach": 16_000, "spend": 612.40}, "Meta", 1),
    ("meta_ads_en.csv", {}, {"impressions": 61_000, "clicks": 915, "reach": 15_100, "spend": 380.0}, "Meta", 1),
    ("google_ads_fr.csv", {}, {"impressions": 3_524, "clicks": 157, "spend": 50.22, "conversions": 5}, "Google Ads", 2),
    ("linkedin", {}, {"impressions": 22_000, "clicks": 115, "spend": 63.35, "engagements": 260}, "LinkedIn", 0),
    ("tiktok_ads.csv", {}, {"impressions": 41_000, "clicks": 370, "spend": 92.75, "video_views": 16_200}, "TikTok", 0),
    ("x_ads.csv", {}, {"impressions": 24_300, "clicks": 183, "engagements": 600, "spend": 118.5}, "X", 0),
    ("brevo", {"partner": "Banque Solidaire"},
     {"sends": 98_000, "delivered": 96_500, "unique_opens": 27_050, "email_clicks": 4_350}, "Brevo", 0),
    ("mailchimp_campaigns.csv", {}, {"sends": 39_000, "delivered": 38_100, "unique_opens": 14_310, "email_clicks": 2_100},
     "Mailchimp", 0),
    ("partenaire_fait_main.csv", {"partner": "Appli Campus+"}, {"impressions": 26_850, "clicks": 640}, "", 1),
    ("xlsx", {"partner": "Brico Centre"}, {"impressions": 48_000, "clicks": 690, "spend": 390.75}, "", 1),
]


@pytest.mark.parametrize(("name", "options", "totals", "platform", "totals_rows"), CASES, ids=[c[0] for c in CASES])
def test_each_export_is_read_with_its_totals_row_left_out(store, binary, name, options, totals, platform, totals_rows):
    result = importing.preview(store, _source(name, binary).read_bytes(), name, campaign=CAMPAIGN, **options)
    assert result.ok, result.errors
    assert result.rows_rejected == 0, result.rejected
    for metric, value in totals.items():
        assert result.totals[metric] == pytest.approx(value), metric
    assert set(result.facts["platform"]) == {platform}
    assert len(result.totals_rows) == totals_rows
    outcome = importing.load(store, result, created_by="test")
    with store.read() as con:
        stored = dict(con.execute("select metric, if(metric = 'reach', max(value), sum(value)) from metric_fact"
                                  " group by metric").fetchall())
    assert stored == pytest.approx({m: float(v) for m, v in result.totals.items()})
    assert outcome.rows_loaded == len(result.facts)


def test_google_ads_title_lines_dashes_and_percent_signs(store):
    result = importing.preview(store, FILES / "google_ads_fr.csv", campaign=CAMPAIGN)
    assert result.shape.header_line == 2 and len(result.shape.title_lines) == 2
    assert result.shape.decimal == ","
    june_2 = result.facts[(result.facts["period_start"] == date(2025, 6, 2))]
    assert "conversions" not in set(june_2["metric"])            # "--" is no figure, not zero
    assert set(result.totals_rows["line"]) == {7, 8}


def test_linkedin_utf16_tab_with_month_first_dates(store, binary):
    result = importing.preview(store, binary["linkedin"], campaign=CAMPAIGN)
    assert (result.shape.encoding, result.shape.separator) == ("utf-16", "\t")
    assert sorted(set(result.facts["period_start"])) == [date(2025, 6, 1), date(2025, 6, 13)]


def test_brevo_windows_1252_keeps_counts_over_rates(store, binary):
    result = importing.preview(store, binary["brevo"], campaign=CAMPAIGN, partner="Banque Solidaire")
    assert result.shape.encoding == "cp1252"
    assert result.facts["channel"].eq("email").all() and result.facts["peso"].eq("shared").all()
    assert result.notes["rates_ignored"]          # the file's own counts win over its rates


def test_x_ads_weekly_ranges_become_periods(store):
    result = importing.preview(store, FILES / "x_ads.csv", campaign=CAMPAIGN)
    periods = sorted(set(zip(result.facts["period_start"], result.facts["period_end"], strict=True)))
    assert periods == [(date(2025, 6, 1), date(2025, 6, 7)), (date(2025, 6, 8), date(2025, 6, 14))]


def test_mailchimp_english_month_names(store):
    result = importing.preview(store, FILES / "mailchimp_campaigns.csv", campaign=CAMPAIGN)
    assert sorted(set(result.facts["period_start"])) == [date(2025, 6, 2), date(2025, 6, 16)]
    assert result.facts["peso"].eq("owned").all()           # the government's own newsletter: no partner


def test_hand_made_sheet_french_locale(store):
    result = importing.preview(store, FILES / "partenaire_fait_main.csv", campaign=CAMPAIGN, partner="Appli Campus+")
    assert len(result.shape.title_lines) == 2
    # 12 500 with a narrow no-break space, 13 100 with a space, 1.250 with a dot for thousands
    impressions = result.facts[result.facts["metric"] == "impressions"].set_index("period_start")["value"]
    assert impressions[date(2025, 6, 2)] == 12_500 and impressions[date(2025, 6, 4)] == 1_250
    assert result.notes["totals_rows_left_out"]["agree"] == ["impressions", "clicks"]


def test_rates_with_a_base_become_counts(store):
    result = importing.preview(store, FILES / "partenaire_taux_seul.csv", campaign=CAMPAIGN, partner="Appli Campus+")
    clicks = result.facts[result.facts["metric"] == "clicks"].set_index("period_start")["value"]
    assert clicks[date(2025, 6, 2)] == 250        # 2,5 % of 10 000 (dd.mm.yy dates)
    assert clicks[date(2025, 6, 3)] == 200        # 0,025 of 8 000
    assert result.notes["conversions"] == [{"rate": "ctr", "base": "impressions", "into": "clicks"}]
    importing.load(store, result)
    with store.read() as con:
        notes = con.execute("select notes from ingestion").fetchone()[0]
    assert '"conversions"' in notes


def test_rates_without_a_base_are_kept_as_reported_never_as_facts(store):
    result = importing.preview(store, FILES / "email_taux_sans_base.csv", campaign=CAMPAIGN, partner="Réseau Info Jeunes")
    assert result.facts.empty
    outcome = importing.load(store, result)
    with store.read() as con:
        assert con.execute("select count(*) from metric_fact").fetchone()[0] == 0
        rates = dict(con.execute("select rate, value from reported_rate").fetchall())
    assert rates == pytest.approx({"open_rate": 0.234, "click_to_open": 0.12})
    importing.undo(store, outcome.ingestion_id)
    with store.read() as con:
        assert con.execute("select count(*) from reported_rate").fetchone()[0] == 0


def test_second_sheet_of_a_workbook_on_request(store, binary):
    result = importing.preview(store, binary["xlsx"], campaign=CAMPAIGN, partner="Brico Centre", sheet="Par magasin")
    assert result.shape.sheets == ["Bilan juin", "Par magasin"]
    assert result.totals == {"impressions": 12_000}


def test_press_monitoring_export_deduplicated_by_url(store):
    result = importing.preview(store, FILES / "revue_de_presse.csv", campaign=CAMPAIGN)
    assert result.kind == "press"
    assert result.press["sentiment"].tolist() == ["positive", "neutral", "neutral", "negative"]
    outcome = importing.load(store, result)
    assert outcome.rows_loaded == 3 and outcome.press_duplicates == 1
    with store.read() as con:
        titles = [r[0] for r in con.execute("select title from press_mention order by published_on").fetchall()]
        audience = con.execute("select audience from press_mention where outlet = 'Le Parisien'").fetchone()[0]
    assert audience == 2_500_000
    # a formula-like headline is kept as the text it is
    assert '=HYPERLINK("http://exemple.test";"clic")' in titles
    again = importing.preview(store, FILES / "revue_de_presse.csv", campaign=CAMPAIGN)
    assert again.already_loaded_as == outcome.ingestion_id


def test_ratios_a_platform_computed_are_left_out_never_offered_as_partner_metrics(store):
    """A Reddit Ads export (UTF-8 BOM, quoted cells, ISO dates, "12,345", "1.70%", "Amount Spent (EUR)"): its eCPM,
    CPC and "Video Completion %" are ratios of sums — recognised, left out and said so, never offered as figures of
    the partner; a quartile count ("Video Watches at 100%") is a figure, still offered."""
    result = importing.preview(store, FILES / "reddit_ads.csv", campaign=CAMPAIGN, partner="Reddit")
    assert result.ok, result.errors
    assert result.totals == pytest.approx({"impressions": 24_145, "clicks": 400, "spend": 85.10, "engagements": 198})
    origin = dict(zip(result.columns["column"], result.columns["origin"], strict=True))
    assert [h for h, o in origin.items() if o == "derived"] == ["eCPM (EUR)", "CPC (EUR)", "Video Completion %"]
    assert not result.partner_metrics
    said = next(i for i in result.infos if i.startswith("Ratios calculés"))
    assert "«\u202feCPM (EUR)\u202f», «\u202fCPC (EUR)\u202f», «\u202fVideo Completion %\u202f»" in said
    offered = next(i for i in result.infos if i.startswith("Colonnes de chiffres non reconnues"))
    assert "«\u202fVideo Watches at 100%\u202f»" in offered and "eCPM" not in offered and "Completion %" not in offered
    importing.load(store, result)
    with store.read() as con:
        assert con.execute("select count(*) from partner_metric").fetchone()[0] == 0
        assert {m for (m,) in con.execute("select distinct metric from metric_fact").fetchall()} == {
            "impressions", "clicks", "spend", "engagements"}


def test_a_file_with_no_known_figure_keeps_its_counts_not_its_ratios(store, tmp_path):
    """Without any figure the dictionary knows, unknown columns of numbers are kept as the partner's own metrics —
    but not a cost per item or a rate: those are computed, not counted."""
    path = tmp_path / "actions.csv"
    path.write_text("Date;Kakémonos installés;Coût par kakémono (€);Taux de complétion\n"
                    "02/06/2025;4;12,50;80\n03/06/2025;2;13,00;75\n", encoding="utf-8")
    result = importing.preview(store, path, campaign=CAMPAIGN, partner="Réseau Info Jeunes")
    assert result.ok, result.errors
    assert [d.label for d in result.partner_metrics.values()] == ["Kakémonos installés"]
    assert any("«\u202fCoût par kakémono (€)\u202f», «\u202fTaux de complétion\u202f»" in i for i in result.infos)


def test_unknown_ratio_columns_are_left_out_and_said_so_and_a_kept_one_is_never_summed(store, tmp_path):
    """A partner's own dashboard export: its rate, share, per-thousand and milestone-share columns are not offered
    as figures beside the counts; the preview says they are left out and why. A manager who keeps one anyway gets it
    as reported, never summed."""
    path = tmp_path / "tableau_partenaire.csv"
    path.write_text("Date;Affichages;Clics;View rate;Taux de visibilité;Clicks per 1,000 impressions;"
                    "Complétion à 100 %;Vues à 100 %\n"
                    "02/06/2025;1000;12;35,2;71;12;41,5;352\n03/06/2025;800;10;33,1;70;12,5;40,2;301\n",
                    encoding="utf-8")
    result = importing.preview(store, path, campaign=CAMPAIGN, partner="Tinder")
    assert result.ok, result.errors
    origin = dict(zip(result.columns["column"], result.columns["origin"], strict=True))
    ratios = ["View rate", "Taux de visibilité", "Clicks per 1,000 impressions", "Complétion à 100 %"]
    assert [h for h, o in origin.items() if o == "derived"] == ratios
    said = next(i for i in result.infos if i.startswith("Ratios calculés"))
    assert all(h in said for h in ratios) and "ne s'additionne" in said
    assert all(h not in i for i in result.infos if not i.startswith("Ratios calculés") for h in ratios)
    assert result.totals == pytest.approx({"impressions": 1800, "clicks": 22})
    # kept on purpose: a rate stays a rate
    kept = importing.preview(store, path, campaign=CAMPAIGN, partner="Tinder",
                             mapping={"View rate": "partner_metric", "Vues à 100 %": "partner_metric"})
    assert kept.ok, kept.errors
    definitions = {d.header: d for d in kept.partner_metrics.values()}
    assert definitions["View rate"].additive is False and definitions["Vues à 100 %"].additive is True
    importing.load(store, kept)
    with store.read() as con:
        summed = {m for (m,) in con.execute("select distinct metric from metric_fact").fetchall()}
    assert definitions["View rate"].metric not in summed and definitions["Vues à 100 %"].metric in summed
    # mapped to a count by hand, a ratio refuses the file, naming the column and what to do
    wrong = importing.preview(store, path, campaign=CAMPAIGN, partner="Tinder", mapping={"View rate": "video_views"})
    assert not wrong.ok and len(wrong.errors) == 1
    assert wrong.errors[0].startswith("«\u202ftableau_partenaire.csv\u202f» : la colonne «\u202fView rate\u202f» est un "
                                      "ratio (taux, part, moyenne, «\u202fpour 1 000\u202f») : elle ne peut pas être "
                                      "chargée comme ")
    assert wrong.errors[0].endswith("gardez-la comme «\u202fIndicateur du partenaire\u202f» : elle sera gardée telle "
                                    "que déclarée, jamais additionnée.")


def test_columns_the_tools_table_leaves_out_or_a_second_column_of_a_role_are_named(store, tmp_path):
    """Pinterest's "Pin clicks" beside its outbound clicks, and a second spend column: left out, never unseen."""
    path = tmp_path / "pinterest_export.csv"
    rows = ["Campaign name,Date,Impressions,Pin clicks,Outbound clicks,Spend in account currency,Spend"]
    rows += [f"Jobs,06/{d:02d}/2026,{1000 + d},{200 + d},{80 + d},{45 + d},{45 + d}" for d in range(1, 8)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = importing.preview(store, path, campaign=CAMPAIGN, partner="Pinterest")
    assert result.ok, result.errors
    assert result.mapping["Pin clicks"] == "ignore" and result.mapping["Outbound clicks"] == "clicks"
    said = next(i for i in result.infos if i.startswith("Colonnes laissées de côté"))
    assert "«\u202fPin clicks\u202f»" in said and "«\u202fSpend\u202f»" in said and "--map" in said
    assert "Outbound clicks" not in said and "Impressions" not in said
