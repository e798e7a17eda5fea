"""The SQL layer on a real DuckDB: the loader's parameter rules, and each foundation query on known rows (trap cases included)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import queries
from resonance.ingest import load as ingest
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership

pytestmark = pytest.mark.both_stores      # the embedded file and the DuckLake (tests/conftest.py)

TESTS = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("sql", "expected"), [
    ("select $a, $b_2", {"a", "b_2"}),
    ("select 1 -- $not_a_parameter\n, $real", {"real"}),
    ("select '$in_a_string', $x", {"x"}),
    ("select 'it''s $quoted', $y", {"y"}),
    ("/* $block\n $comment */ select $z", {"z"}),
    ('select "$identifier" from t where v = $w', {"w"}),
    ("select 1", set()),
])
def test_named_parameters_ignore_comments_and_literals(sql, expected):
    assert queries.named_parameters(sql) == expected


def test_loader_refuses_missing_and_unknown_parameters(store):
    with store.read() as con:
        with pytest.raises(queries.QueryError, match="missing parameters \\['campaign_id'\\]"):
            queries.run(con, "campaign_totals", {})
        with pytest.raises(queries.QueryError, match="unknown parameters \\['extra'\\]"):
            queries.run(con, "campaign_totals", {"campaign_id": 1, "extra": 2})
        with pytest.raises(queries.QueryError, match="no query named"):
            queries.run(con, "does_not_exist", {})
        with pytest.raises(queries.QueryError, match="not a query name"):
            queries.run(con, "../resonance/migrations/001_foundation", {})


def test_every_query_file_states_its_grain_and_is_tested():
    """Each queries/*.sql begins with its grain and is exercised by name somewhere in tests/."""
    test_text = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py"))
    untested = []
    for name in queries.available():
        first_line = (queries.QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("-- "), f"{name}.sql must start with a comment stating its grain"
        if not re.search(rf"['\"]{name}['\"]", test_text):
            untested.append(name)
    assert not untested, f"queries without a test naming them: {untested}"


def _facts(campaign, partner, channel, days, **metrics):
    rows = []
    for metric, values in metrics.items():
        for day, value in zip(days, values, strict=True):
            rows.append({"campaign_id": campaign, "partner_id": partner, "channel": channel,
                         "peso": "owned" if partner is None else "shared", "platform": channel,
                         "period_start": day, "period_end": day, "metric": metric, "value": value})
    return pd.DataFrame(rows)


def _seeded(store):
    """Two partners with very different volumes, one without impressions, e-mail with and without `delivered`, reach."""
    days = [date(2025, 3, 3), date(2025, 3, 4)]
    with store.transaction() as con:
        campaign = ensure_campaign(con, "Campagne test", theme="Essai", start_date=days[0], end_date=days[1])
        other = ensure_campaign(con, "Autre thème", theme="Autre", start_date=days[0], end_date=days[1])
        big = ensure_partner(con, "Grand partenaire")
        small = ensure_partner(con, "Petit partenaire")
        mail = ensure_partner(con, "Association courriel", kind="association")
        silent = ensure_partner(con, "Partenaire sans chiffres")
        for partner in (big, small, mail, silent):
            ensure_partnership(con, campaign, partner)
        frames = [
            # big: 1,000,000 impressions / 10,000 clicks (1 %); small: 100 impressions / 50 clicks (50 %).
            _facts(campaign, big, "social", days, impressions=[600_000, 400_000], clicks=[6_000, 4_000], reach=[300_000, 250_000]),
            _facts(campaign, small, "app", days, impressions=[60, 40], clicks=[30, 20], reach=[80, 70]),
            # mail partner: no impressions at all, clicks only on the web; opens on `sends` (no delivered).
            _facts(campaign, mail, "email", days, sends=[1_000, 1_000], unique_opens=[300, 200], email_clicks=[30, 20]),
            _facts(campaign, mail, "web", days, clicks=[500, 500]),
            # the campaign's own newsletter: delivered is given.
            _facts(campaign, None, "email", days, sends=[10_000, 0], delivered=[9_000, 0], unique_opens=[4_500, 0],
                   email_clicks=[900, 0], landing_visits=[2_000, 1_000], spend=[100.0, 50.0]),
            _facts(other, big, "social", days, impressions=[5, 5], clicks=[1, 1]),
        ]
        # one load (each load refreshes the rollups of its campaigns): the stored facts are the same
        ingest.load(store, source="test", facts=pd.concat(frames, ignore_index=True), con=con, campaign_id=campaign)
        press = pd.DataFrame([
            {"campaign_id": campaign, "partner_id": big, "published_on": days[0], "outlet": "Le Monde", "title": "A",
             "url": "https://a.example/1", "audience": 1_000, "sentiment": "positive"},
            {"campaign_id": campaign, "partner_id": None, "published_on": days[1], "outlet": "The Times", "title": "B",
             "url": "https://a.example/2", "audience": None, "sentiment": "neutral"},
        ])
        ingest.load(store, source="test", press=press, con=con, campaign_id=campaign)
        con.execute("insert into target values ($c, 'clicks', 20000)", {"c": campaign})
        con.execute("insert into annotation (campaign_id, on_date, label) values ($c, $d, 'Lancement')",
                    {"c": campaign, "d": days[0]})
    return {"store": store, "campaign": campaign, "other": other, "big": big, "small": small, "mail": mail,
            "silent": silent, "days": days}


@pytest.fixture
def seeded(seed_once):
    """Seeded once per worker, a copy of the seeded file for each test (tests/conftest.py)."""
    return seed_once(_seeded)


def _one(seeded, name, **params):
    with seeded["store"].read() as con:
        return queries.run(con, name, params)


def test_campaign_totals_ratio_of_sums_not_average_of_rates(seeded):
    totals = _one(seeded, "campaign_totals", campaign_id=seeded["campaign"]).iloc[0]
    assert totals["impressions"] == 1_000_100
    assert totals["clicks"] == 11_050                       # web clicks of the mail partner counted in clicks…
    # …but CTR pairs clicks with impressions reported on the same rows: (10,000 + 50) / 1,000,100,
    # not the average of 1 % and 50 % (25.5 %), and not 11,050 / 1,000,100.
    assert totals["ctr"] == pytest.approx(10_050 / 1_000_100)
    # open rate: own newsletter on delivered (4,500 / 9,000) + mail partner on sends (500 / 2,000), flagged.
    assert totals["open_rate"] == pytest.approx(5_000 / 11_000)
    assert totals["open_rate_base"] == "sends"
    assert totals["click_to_open"] == pytest.approx(950 / 5_000)
    assert totals["spend_eur"] == 150
    # Costs over their own population: the 150 € were spent by the own newsletter, which showed no impressions
    # and brought 3,000 visits; the partners' free impressions and clicks are not what it paid for.
    assert pd.isna(totals["cpm_eur"]) and pd.isna(totals["cpc_eur"])
    assert totals["cost_per_visit_eur"] == pytest.approx(150 / 3_000)
    assert totals["paid_visits_share"] == pytest.approx(1.0) and totals["free_clicks"] == 11_050
    assert totals["press_mentions"] == 2
    assert totals["press_audience"] == 1_000                # an unknown audience is not counted as zero
    # A de-duplicated reach never adds up: four reports (two partners × two days) give no campaign reach at all;
    # they are listed as reported, with their period and source.
    assert pd.isna(totals["reach"]) and "reach_cumulated" not in totals.index
    reports = _one(seeded, "campaign_reach_reported", campaign_id=seeded["campaign"])
    assert sorted(reports["reach"]) == [70, 80, 250_000, 300_000]
    assert set(reports["partner"]) == {"Grand partenaire", "Petit partenaire"}


def test_partner_figures_missing_metric_gives_null_not_zero(seeded):
    rows = _one(seeded, "campaign_partner_figures", campaign_id=seeded["campaign"])
    by_partner = {(p if isinstance(p, str) else None): r for p, r in zip(rows["partner"], rows.to_dict("records"), strict=True)}
    assert by_partner["Grand partenaire"]["ctr"] == pytest.approx(0.01)
    assert by_partner["Petit partenaire"]["ctr"] == pytest.approx(0.5)
    mail = by_partner["Association courriel"]
    assert pd.isna(mail["impressions"]) and pd.isna(mail["ctr"])      # no division by zero: shown as "—"
    assert mail["open_rate"] == pytest.approx(0.25) and mail["open_rate_base"] == "sends"
    silent = by_partner["Partenaire sans chiffres"]                    # a partnership with no figures still listed
    assert pd.isna(silent["clicks"]) and silent["press_mentions"] == 0
    own = by_partner[None]
    assert own["open_rate"] == pytest.approx(0.5) and own["open_rate_base"] == "delivered"
    assert by_partner["Grand partenaire"]["press_mentions"] == 1
    assert list(rows["partner"])[0] == "Grand partenaire"              # biggest first


def test_campaign_timeseries_by_day_and_week_excludes_reach(seeded):
    daily = _one(seeded, "campaign_timeseries", campaign_id=seeded["campaign"], grain="day")
    impressions = daily[daily["metric"] == "impressions"].set_index("period")["value"]
    assert impressions.tolist() == [600_060, 400_040]
    assert "reach" not in set(daily["metric"])
    weekly = _one(seeded, "campaign_timeseries", campaign_id=seeded["campaign"], grain="week")
    assert weekly[weekly["metric"] == "impressions"]["value"].tolist() == [1_000_100]


def test_campaign_detail_list_press_assets_targets_annotations(seeded):
    detail = _one(seeded, "campaign_detail", campaign_id=seeded["campaign"]).iloc[0]
    assert detail["name"] == "Campagne test" and detail["period_start"].date() == seeded["days"][0]
    listing = _one(seeded, "campaign_list")
    assert set(listing["name"]) == {"Campagne test", "Autre thème"}
    assert listing.set_index("name").loc["Campagne test", "partner_count"] == 4
    press = _one(seeded, "campaign_press", campaign_id=seeded["campaign"])
    assert press["outlet"].tolist() == ["The Times", "Le Monde"]       # newest first
    assert _one(seeded, "campaign_assets", campaign_id=seeded["campaign"]).empty
    assert _one(seeded, "campaign_targets", campaign_id=seeded["campaign"]).to_dict("records") == [
        {"metric": "clicks", "target": 20_000.0}]
    assert _one(seeded, "campaign_annotations", campaign_id=seeded["campaign"])["label"].tolist() == ["Lancement"]


def test_portfolio_queries_filter_period_and_theme(seeded):
    start, end = seeded["days"]
    everything = _one(seeded, "portfolio_totals", start=start, end=end, theme=None).iloc[0]
    assert everything["campaigns"] == 2 and everything["impressions"] == 1_000_110
    essai = _one(seeded, "portfolio_totals", start=start, end=end, theme="Essai").iloc[0]
    assert essai["campaigns"] == 1 and essai["impressions"] == 1_000_100 and essai["press_mentions"] == 2
    assert essai["ctr"] == pytest.approx(10_050 / 1_000_100)
    first_day = _one(seeded, "portfolio_totals", start=start, end=start, theme="Essai").iloc[0]
    assert first_day["impressions"] == 600_060 and first_day["press_mentions"] == 1
    nothing = _one(seeded, "portfolio_totals", start=date(2020, 1, 1), end=date(2020, 1, 2), theme=None).iloc[0]
    assert nothing["campaigns"] == 0 and pd.isna(nothing["impressions"]) and pd.isna(nothing["ctr"])
    series = _one(seeded, "portfolio_timeseries", start=start, end=end, theme="Essai")
    assert set(series["metric"]) == {"impressions", "clicks", "landing_visits", "unique_opens"}
    best = _one(seeded, "top_partnerships", start=start, end=end, theme=None, limit=2)
    assert best["partner"].tolist() == ["Grand partenaire", "Association courriel"]
    assert best["ctr"].iloc[0] == pytest.approx(0.01) and pd.isna(best["ctr"].iloc[1])
    bounds = _one(seeded, "portfolio_bounds").iloc[0]
    assert bounds["first_day"].date() == start and list(bounds["themes"]) == ["Autre", "Essai"]
