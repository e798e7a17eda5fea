"""The rollups (per partnership, per partnership × week and × year, per campaign) equal the figures model recomputed from the facts after every
kind of write, and after random sequences; the overview read from them shows what the facts say."""
from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import queries
from resonance.ingest import load as ingest
from resonance.ingest import sync
from resonance.services import comparison, overview, peso, rollups
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership
from resonance.store import Store
from resonance.store.commits import before_commit
from tests.recordings.kit import assert_all_served, expect, fast_http, matomo_declared, recording, seed

pytestmark = pytest.mark.both_stores     # the store fixtures run on the file and on a DuckLake

START = date(2025, 3, 1)


def _same_rows(stored: pd.DataFrame, recomputed: pd.DataFrame, key: list[str]) -> None:
    """The same rows, to the last rounding of a sum; lists compared as sets (a list's order is not kept)."""
    stored = stored.sort_values(key, na_position="first").reset_index(drop=True)
    recomputed = recomputed.sort_values(key, na_position="first").reset_index(drop=True)
    assert sorted(stored.columns) == sorted(recomputed.columns)     # the same columns; a table keeps its own order
    recomputed = recomputed[list(stored.columns)]
    assert len(stored) == len(recomputed)
    for column in stored.columns:
        for left, right in zip(stored[column], recomputed[column], strict=True):
            if isinstance(left, float) or isinstance(right, float):
                same = (pd.isna(left) and pd.isna(right)) or math.isclose(left, right, rel_tol=1e-12, abs_tol=1e-9)
            elif isinstance(left, list | tuple) or hasattr(left, "__len__") and not isinstance(left, str):
                same = sorted(left) == sorted(right)
            else:
                same = (pd.isna(left) and pd.isna(right)) if not isinstance(left, str) and pd.isna(left) else left == right
            assert same, (column, left, right)


def assert_exact(store: Store) -> int:
    """The stored rollups are the model recomputed now (to the last rounding of a sum); returns the rows compared."""
    with store.read() as con:
        assert rollups.stale(con) == []
        stored = con.execute("select * from rollup_partnership").df()
        recomputed = con.execute("select * from rollup_rows(null)").df()
        weeks = con.execute("select * from rollup_week").df()
        weeks_now = con.execute("select * from figure_units('partnership_week', null, null, null, null, null)").df()
        years = con.execute("select * from rollup_year").df()
        years_now = con.execute("select * from figure_units('portfolio_year', null, null, null, null, null)").df()
        campaigns = con.execute("select * from rollup_campaign").df()
        # the campaign grain recomputed from the facts themselves, not from the week rollup it is filled from
        campaigns_now = con.execute("select * from figures('campaign', null, null, null)").df()
    _same_rows(stored, recomputed, ["campaign_id", "partner_id"])
    _same_rows(weeks, weeks_now, ["campaign_id", "partner_id", "day"])
    _same_rows(years, years_now, ["campaign_id", "partner_id", "day"])
    _same_rows(campaigns, campaigns_now, ["campaign_id"])
    return len(stored)


def _facts(campaign: int, partner: int | None, values: list[int], metric: str = "clicks", peso_kind="shared",
           channel="social") -> pd.DataFrame:
    frame = pd.DataFrame([{"campaign_id": campaign, "partner_id": partner, "channel": channel, "peso": peso_kind,
                           "platform": channel, "period_start": START + timedelta(days=d),
                           "period_end": START + timedelta(days=d), "metric": metric, "value": float(v)}
                          for d, v in enumerate(values)])
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    return frame


def _seed(store: Store) -> tuple[list[int], list[int]]:
    with store.transaction() as con:
        campaigns = [ensure_campaign(con, f"Campagne {n}", start_date=START, end_date=START + timedelta(days=9))
                     for n in range(2)]
        partners = [ensure_partner(con, f"Partenaire {n}") for n in range(3)]
        for campaign in campaigns:
            for partner in partners:
                ensure_partnership(con, campaign, partner)
    return campaigns, partners


def test_demo_rollups_are_exact_and_the_comparison_reads_them(demo_store):
    assert assert_exact(demo_store) > 5
    rows = comparison.partnerships(demo_store)
    with demo_store.read() as con:
        model = con.execute("select count(*) from figures_partnership where partner_id is not null").fetchone()[0]
    assert rows["impressions"].notna().sum() + rows["clicks"].notna().sum() > 0
    assert len(rows) >= model - 1


def test_import_replace_undo_and_peso_choice_keep_the_rollups_exact(store):
    campaigns, partners = _seed(store)
    first = ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [10, 20, 30]))
    assert_exact(store)
    ingest.load(store, source="test", facts=_facts(campaigns[0], partners[1], [5, 5], metric="impressions"))
    ingest.load(store, source="test", facts=_facts(campaigns[1], None, [100], metric="spend", peso_kind="paid"))
    assert_exact(store)
    replaced = ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [11, 21, 31]))
    assert replaced.rows_replaced == 3
    assert_exact(store)
    with store.read() as con:
        clicks = con.execute("select clicks from rollup_partnership where campaign_id = $c and partner_id = $p",
                             {"c": campaigns[0], "p": partners[0]}).fetchone()[0]
    assert clicks == 63
    ingest.undo(store, replaced.ingestion_id)
    assert_exact(store)
    ingest.undo(store, first.ingestion_id)
    assert_exact(store)
    peso.choose(store, campaigns[0], partners[1], "earned")
    assert_exact(store)
    press = pd.DataFrame([{"campaign_id": campaigns[1], "partner_id": partners[2], "published_on": START,
                           "outlet": "Le Monde", "title": "Un article", "url": "https://example.org/a",
                           "audience": 1000, "sentiment": "positive"}])
    ingest.load(store, source="test", press=press)
    assert_exact(store)


def test_a_write_that_did_not_refresh_is_found_and_recomputed_before_a_page_reads(store):
    campaigns, partners = _seed(store)
    ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [10, 20]))
    ingest.load(store, source="test", facts=_facts(campaigns[1], partners[1], [7]))
    with store.transaction() as con:       # a writer that knows nothing of the rollups: an edit, then a deletion
        con.execute("update metric_fact set value = value * 2 where campaign_id = $c", {"c": campaigns[0]})
        con.execute("delete from campaign where id = $c", {"c": campaigns[1]})
    with store.read() as con:
        assert set(rollups.stale(con)) == {campaigns[0], campaigns[1]}
    figures = comparison.partnerships(store)      # the page's read repairs them first
    assert figures.set_index("partner").loc["Partenaire 0", "clicks"] == 60
    assert campaigns[1] not in set(figures["campaign_id"])
    assert_exact(store)


def test_a_write_of_ours_leaves_a_checked_store_checked_and_any_other_write_does_not(store):
    campaigns, partners = _seed(store)
    rollups.ensure(store)                                   # checked once (a migration, an old store: one pass)
    assert rollups.is_checked(store)
    before = rollups.data_version(store)
    ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [10, 20]))
    # the load refreshed its campaign in its own transaction: the version after it is remembered as checked, so the
    # next read skips the pass over every fact (for this process, and for the next one through the note beside a file)
    after = rollups.data_version(store)
    assert after != before
    assert rollups.is_checked(store)
    assert rollups._checked[store.path] == after
    if not store.is_lake:
        assert rollups._note(store).read_text(encoding="utf-8") == repr(after)
    peso.choose(store, campaigns[0], partners[0], "earned")
    assert rollups.is_checked(store)
    assert_exact(store)
    # a writer that does not say it kept the rollups exact: the next read checks, and repairs
    with store.transaction() as con:
        con.execute("update metric_fact set value = value + 1 where campaign_id = $c", {"c": campaigns[0]})
    assert not rollups.is_checked(store)
    with store.read() as con:
        assert rollups.stale(con) == [campaigns[0]]
    # a write of ours on a store not checked since: it cannot vouch for what it did not write
    ingest.load(store, source="test", facts=_facts(campaigns[1], partners[1], [5]))
    assert not rollups.is_checked(store)
    figures = comparison.partnerships(store)               # the page's read checks, and repairs
    assert figures.set_index(["campaign_id", "partner"]).loc[(campaigns[0], "Partenaire 0"), "clicks"] == 32
    assert rollups.is_checked(store)
    assert_exact(store)


def test_a_write_to_a_store_not_checked_leaves_its_checkpoint_to_the_close(tmp_path):
    """The checkpoint after a write of ours only makes a checked version final: on a store nobody checked since, the
    write stays in the log (.wal) while the file is open, and the close writes it; a checked store is checkpointed."""
    store = Store(tmp_path / "store.duckdb")
    campaigns, partners = _seed(store)
    log = Path(f"{store.path}.wal")
    with store.hold():
        ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [10, 20]))
        assert not rollups.is_checked(store) and log.exists() and log.stat().st_size > 0
        rollups.ensure(store)
        assert not log.exists() or log.stat().st_size == 0
        ingest.load(store, source="test", facts=_facts(campaigns[1], partners[1], [5]))
        assert rollups.is_checked(store)
        assert not log.exists() or log.stat().st_size == 0
    assert rollups.is_checked(store)           # the close had nothing left to write: the version remembered holds
    assert_exact(store)


WRITES = st.lists(st.one_of(
    st.tuples(st.just("load"), st.integers(0, 1), st.integers(0, 3), st.lists(st.integers(0, 500), min_size=1,
                                                                              max_size=4),
              st.sampled_from(["clicks", "impressions", "spend", "landing_visits"])),
    st.tuples(st.just("undo"), st.integers(0, 20)),
    st.tuples(st.just("peso"), st.integers(0, 1), st.integers(0, 2), st.sampled_from(["paid", "earned", "owned"])),
), min_size=1, max_size=6)


def assert_periods_exact(store: Store, first: int, length: int) -> None:
    """The model of a period read from the rollups (whole weeks, the facts of the edge days) is the facts' own."""
    start = START - timedelta(days=7) + timedelta(days=first)
    # the period drawn, and periods holding whole calendar years (read from the year rollup)
    periods = [(start, start + timedelta(days=length)), (date(START.year, 1, 1), date(START.year, 12, 31)),
               (start, date(START.year + 1, 12, 31)), (date(START.year - 1, 6, 1), start)]
    with store.read() as con:
        for begin, end in periods:
            params = {"start": begin, "end": end, "theme": None}
            for grain in ("portfolio", "partnership", "portfolio_year"):
                sql = f"select * from figures('{grain}', $start, $end, $theme{{}})"  # noqa: S608 - the grains above
                rolled, facts = (con.execute(sql.format(flag), params).df() for flag in (", rolled := true", ""))
                _same_rows(rolled, facts, ["campaign_id", "partner_id", "day"])


@pytest.mark.slow     # fuzzing: 12 random write sequences, each on a new store: the full run only
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=WRITES, first=st.integers(0, 20), length=st.integers(0, 12))
def test_random_sequences_of_writes_keep_the_rollups_exact(tmp_path_factory, writes, first, length):
    store = Store(tmp_path_factory.mktemp("rollups") / "store.duckdb")
    campaigns, partners = _seed(store)
    loaded: list[int] = []
    for write in writes:
        if write[0] == "load":
            _, c, p, values, metric = write
            partner = partners[p] if p < len(partners) else None       # 3: the campaign's own media
            result = ingest.load(store, source="test", facts=_facts(campaigns[c], partner, values, metric=metric,
                                                                     peso_kind="paid" if metric == "spend" else "shared"))
            loaded.append(result.ingestion_id)
        elif write[0] == "undo" and loaded:
            ingest.undo(store, loaded.pop(write[1] % len(loaded)))
        elif write[0] == "peso":
            _, c, p, kind = write
            peso.choose(store, campaigns[c], partners[p], kind)
        assert_exact(store)
        assert_periods_exact(store, first, length)


def test_the_rollup_statements_by_name_clear_fill_and_fingerprint_one_campaign(store):
    campaigns, partners = _seed(store)
    ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [1, 2]))
    ingest.load(store, source="test", facts=_facts(campaigns[1], partners[0], [3]))
    with store.transaction() as con:
        queries.execute(con, "rollup_clear", {"campaign_id": campaigns[0]})
        queries.execute(con, "rollup_state_clear", {"campaign_id": campaigns[0]})
        assert queries.run(con, "rollup_stale")["campaign_id"].tolist() == [campaigns[0]]
        assert con.execute("select count(*) from rollup_partnership").fetchone()[0] == 1
        queries.execute(con, "rollup_week_clear", {"campaign_id": campaigns[0]})
        assert con.execute("select count(distinct campaign_id) from rollup_week").fetchone()[0] == 1
        queries.execute(con, "rollup_campaign_clear", {"campaign_id": campaigns[0]})
        assert con.execute("select list(campaign_id) from rollup_campaign").fetchone()[0] == [campaigns[1]]
        queries.execute(con, "rollup_year_clear", {"campaign_id": campaigns[0]})
        assert con.execute("select list(distinct campaign_id) from rollup_year").fetchone()[0] == [campaigns[1]]
        [now] = queries.records(con, "rollup_fingerprint", {"campaign_id": campaigns[0]})
        assert now["fingerprint"] is not None and now["kept_fingerprint"] is None and now["rows"] == 2
        queries.execute(con, "rollup_week_fill", {"campaign_id": campaigns[0]})        # from the facts
        queries.execute(con, "rollup_year_fill", {"campaign_id": campaigns[0]})        # from the weeks just filled
        assert con.execute("select sum(clicks) from rollup_year where campaign_id = $c",
                           {"c": campaigns[0]}).fetchone()[0] == 3
        queries.execute(con, "rollup_fill", {"campaign_id": campaigns[0]})             # from the years just filled
        queries.execute(con, "rollup_campaign_fill", {"campaign_id": campaigns[0]})    # from the years just filled
        queries.execute(con, "rollup_state_save", {"campaign_id": campaigns[0], "fingerprint": now["fingerprint"],
                                                   "rows": now["rows"]})
        assert queries.run(con, "rollup_stale").empty
        [kept] = queries.records(con, "rollup_fingerprint", {"campaign_id": campaigns[0]})
        assert kept["kept_fingerprint"] == kept["fingerprint"] == now["fingerprint"] and kept["kept_rows"] == 2
        assert queries.records(con, "rollup_fingerprint", {"campaign_id": 10_000}) == []     # no such campaign
    assert_exact(store)


def _marked(store: Store, campaign: int) -> bool:
    """Whether the mark left on a campaign's partnership and campaign rollups is still there (no refresh since)."""
    with store.read() as con:
        return con.execute("select (select bool_and(main_channel = 'marque') from rollup_partnership where campaign_id = $c)"
                           " and (select bool_and(channels = 'marque') from rollup_campaign where campaign_id = $c)",
                           {"c": campaign}).fetchone()[0] is True


def _mark(store: Store, *campaigns: int) -> None:
    """A mark no fingerprint sees (a writer that bypasses the rollups' refresh): only a refresh takes it away."""
    with store.transaction() as con:
        for campaign in campaigns:
            con.execute("update rollup_partnership set main_channel = 'marque' where campaign_id = $c", {"c": campaign})
            con.execute("update rollup_campaign set channels = 'marque' where campaign_id = $c", {"c": campaign})


def test_a_write_that_changes_nothing_the_rollups_read_leaves_them_as_they_are(store):
    campaigns, partners = _seed(store)
    ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [10, 20, 30]))
    ingest.load(store, source="test", facts=_facts(campaigns[1], partners[1], [7]))
    _mark(store, *campaigns)
    # the same figures again (a sync of the same days): every fact replaced by its equal, the rollups not rewritten
    again = ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [10, 20, 30]))
    assert again.rows_replaced == 3
    assert _marked(store, campaigns[0])
    peso.choose(store, campaigns[0], partners[1], "shared")     # a partnership without facts: a PESO choice is read
    assert not _marked(store, campaigns[0]) and _marked(store, campaigns[1])
    _mark(store, campaigns[0])
    changed = ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [10, 20, 31]))
    assert changed.rows_replaced == 3
    assert not _marked(store, campaigns[0]) and _marked(store, campaigns[1])
    with store.transaction() as con:
        rollups.refresh(con, campaigns)          # campaign 1 changed nothing: its mark stays, what a check cannot see
    assert _marked(store, campaigns[1])
    with store.transaction() as con:
        con.execute("delete from rollup_state where campaign_id = $c", {"c": campaigns[1]})
    comparison.partnerships(store)               # the page's read: campaign 1 without a kept fingerprint is recomputed
    assert not _marked(store, campaigns[1])
    assert_exact(store)


def test_loads_in_one_transaction_refresh_each_campaign_once_just_before_the_commit(store):
    """The demo set, a sync of several files: every load joins one transaction; the rollups are refreshed at its
    commit, once per campaign, and exact after it; a failing last step rolls everything back."""
    campaigns, partners = _seed(store)
    with store.transaction() as con:
        for partner in partners:
            ingest.load(store, source="test", facts=_facts(campaigns[0], partner, [5, 6]), con=con)
        assert con.execute("select count(*) from rollup_state").fetchone()[0] == 0     # not yet: at the commit
    assert_exact(store)
    _mark(store, campaigns[0])
    with store.transaction() as con:
        ingest.load(store, source="test", facts=_facts(campaigns[1], partners[0], [9]), con=con)
    assert _marked(store, campaigns[0])                  # a campaign the transaction did not write is left alone
    with store.read() as con:
        before = con.execute("select count(*) from metric_fact").fetchone()[0]
    with pytest.raises(RuntimeError), store.transaction() as con:
        ingest.load(store, source="test", facts=_facts(campaigns[1], partners[1], [4]), con=con)
        before_commit(con, "fails", lambda: lambda cursor: (_ for _ in ()).throw(RuntimeError("last step")))
    with store.read() as con:
        assert con.execute("select count(*) from metric_fact").fetchone()[0] == before
    assert before_commit(object(), "anything", dict) is None      # outside a transaction of ours: nothing kept


def test_a_sync_and_its_replacement_keep_the_rollups_exact(store, monkeypatch, tmp_path, httpserver):
    fast_http(monkeypatch, tmp_path)
    seed(store)
    declared = tmp_path / "sources.toml"
    declared.write_text(matomo_declared(httpserver.url_for("/"), "2025-05-01"), encoding="utf-8")
    monkeypatch.setenv("RESONANCE_SOURCES", str(declared))
    for _ in range(2):       # the second sync replaces the first's figures
        expect(httpserver, "/index.php", "POST").respond_with_data(recording("matomo_getname_may.json"),
                                                                   content_type="application/json")
    for _ in range(2):
        [result] = sync.sync_all(store, since=date(2025, 5, 1), today=date(2025, 5, 3))
        assert result.status == "ok"
        assert assert_exact(store) >= 1
    assert_all_served(httpserver)
    with store.read() as con:
        visits = con.execute("select sum(landing_visits) from rollup_week").fetchone()[0]
    assert visits == result.totals["landing_visits"]


def _facts_path(con, name: str, params: dict) -> pd.DataFrame:
    """A query of the overview as it read before the rollups: the same SQL with the model read from the facts."""
    sql = (queries.QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    # the campaigns compared read the campaign rollup: the model at the campaign grain, from the facts, instead
    sql = sql.replace("select * from rollup_campaign", "select * from figures('campaign', null, null, null, rolled := true)")
    assert ", rolled := true" in sql
    return con.execute(sql.replace(", rolled := true", ""), params).df()


def _series_from_facts(con, start: date, end: date, theme: str | None) -> pd.DataFrame:
    """The overview's weekly series summed from every fact of the period (its query before the rollups)."""
    return con.execute("""
        select cast(date_trunc('week', f.period_start) as date) as period, f.metric, sum(f.value) as value
        from metric_fact as f
        join campaign as c on c.id = f.campaign_id
        where ($theme is null or c.theme = $theme) and f.period_start between $start and $end
          and f.metric in ('impressions', 'clicks', 'landing_visits', 'unique_opens')
        group by all order by period, metric""", {"start": start, "end": end, "theme": theme}).df()


def _periods(store: Store) -> tuple[dict, list[tuple[date, date]]]:
    """The overview's own period choices, and odd ones: mid-week to mid-week, one day, across a new year, a week
    from a Monday."""
    limits = overview.bounds(store)
    first, last = limits["first_day"], limits["last_day"]
    periods = [(start, end) for _, start, end in overview.period_choices(date.today(), first, last)]
    middle = first + (last - first) // 2
    periods += [(middle - timedelta(days=17), middle + timedelta(days=9)), (middle, middle),
                (date(middle.year, 12, 28), date(middle.year + 1, 1, 4)), (middle - timedelta(days=middle.weekday()),
                                                                           middle - timedelta(days=middle.weekday() - 6)),
                # whole calendar years (the year rollup), alone and with weeks and edge days around them
                (date(first.year, 1, 1), date(last.year, 12, 31)), (middle, date(last.year + 1, 12, 31)),
                (date(first.year - 1, 12, 30), middle)]
    return limits, periods


def assert_overview_is_the_facts(store: Store, themes: list[str | None], periods: list[tuple[date, date]]) -> int:
    """The overview of each theme and period, read from the rollups, equals its queries read from the facts;
    returns the rows compared."""
    compared = 0
    for theme in themes:
        for start, end in periods:
            view = overview.overview(store, start, end, theme, top=50)
            params = {"start": start, "end": end, "theme": theme}
            with store.read() as con:
                totals = _facts_path(con, "portfolio_totals", params)
                best = _facts_path(con, "top_partnerships", {**params, "limit": 50})
                series = _series_from_facts(con, start, end, theme)
                previous = _facts_path(con, "portfolio_totals", {**params, "start": view.previous_start,
                                                                 "end": view.previous_end})
            for shown, expected in ((view.totals, totals), (view.previous, previous)):
                for key, value in shown.items():
                    right = expected[key].iloc[0]
                    assert (value is None and pd.isna(right)) or math.isclose(value, right, rel_tol=1e-12), (key, start)
            _same_rows(view.top_partnerships, best, ["campaign", "partner"])
            _same_rows(view.timeseries, series, ["period", "metric"])
            compared += len(series) + len(best) + len(view.totals)
    return compared


def test_the_overview_read_from_the_rollups_shows_what_the_facts_say(demo_store):
    """Each kind of period, for the whole portfolio and one theme (every theme and year: the slow test below), and
    the years and themes: the make test-fast loop's check of the rule."""
    limits, periods = _periods(demo_store)
    assert len(limits["themes"]) >= 2
    # one of each kind: a period choice, mid-week to mid-week, one day, across a new year, whole years with edge days
    few = [periods[0], periods[-7], periods[-6], periods[-5], periods[-3], periods[-1]]
    assert assert_overview_is_the_facts(demo_store, [None], few) > 200
    # one theme on a period choice and on whole years with edge days (its filter is the same at every period)
    assert assert_overview_is_the_facts(demo_store, [limits["themes"][0]], [periods[0], periods[-1]]) > 0
    # year by year and theme by theme: the model's portfolio grain of each calendar year, from the facts
    by_year = overview.resonance_by_year(demo_store)
    assert len(by_year) >= 2
    with demo_store.read() as con:
        assert_frame = queries.run(con, "portfolio_resonance_years", {"theme": None})
        for row in by_year.to_dict("records"):
            year = _facts_path(con, "portfolio_resonance", {"start": date(row["year"], 1, 1),
                                                            "end": date(row["year"], 12, 31), "theme": None})
            for key, right in year.iloc[0].items():
                assert (pd.isna(row[key]) and pd.isna(right)) or math.isclose(row[key], right, rel_tol=1e-12), key
        themes = _facts_path(con, "portfolio_resonance_themes", {})
    assert assert_frame.equals(by_year)
    _same_rows(overview.resonance_by_theme(demo_store), themes, ["year", "theme"])


@pytest.mark.slow     # every theme × every period of the demo (~15 s): make test; the test above in the fast loop
def test_the_overview_of_every_theme_and_period_shows_what_the_facts_say(demo_store):
    limits, periods = _periods(demo_store)
    assert assert_overview_is_the_facts(demo_store, [None, *limits["themes"]], periods) > 200


def test_the_campaigns_compared_and_the_partner_map_read_from_the_rollups_show_what_the_facts_say(demo_store):
    rollups.ensure(demo_store)
    with demo_store.read() as con:
        for name, key in (("compare_campaigns", ["campaign_id"]), ("partner_map", ["partner_id"])):
            rolled = queries.run(con, name)
            assert rolled["impressions"].notna().sum() >= 3, name
            _same_rows(rolled, _facts_path(con, name, {}), key)
