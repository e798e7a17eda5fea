"""The rollups equal the figures model recomputed from the facts after every kind of write, and after random sequences."""
from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import queries
from resonance.ingest import load as ingest
from resonance.services import comparison, peso, rollups
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership
from resonance.store import Store

pytestmark = pytest.mark.both_stores     # the store fixtures run on the file and on a DuckLake

START = date(2025, 3, 1)


def assert_exact(store: Store) -> int:
    """The stored rollups are the model recomputed now (to the last rounding of a sum); returns the rows compared."""
    with store.read() as con:
        assert rollups.stale(con) == []
        stored = con.execute("select * from rollup_partnership").df()
        recomputed = con.execute("select * from rollup_rows(null)").df()
    key = ["campaign_id", "partner_id"]
    stored = stored.sort_values(key, na_position="first").reset_index(drop=True)
    recomputed = recomputed.sort_values(key, na_position="first").reset_index(drop=True)
    assert list(stored.columns) == list(recomputed.columns)
    assert len(stored) == len(recomputed)
    for column in stored.columns:
        for left, right in zip(stored[column], recomputed[column], strict=True):
            if isinstance(left, float) or isinstance(right, float):
                same = (pd.isna(left) and pd.isna(right)) or math.isclose(left, right, rel_tol=1e-12, abs_tol=1e-9)
            elif isinstance(left, list | tuple) or hasattr(left, "__len__") and not isinstance(left, str):
                same = list(left) == list(right)
            else:
                same = (pd.isna(left) and pd.isna(right)) if not isinstance(left, str) and pd.isna(left) else left == right
            assert same, (column, left, right)
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


WRITES = st.lists(st.one_of(
    st.tuples(st.just("load"), st.integers(0, 1), st.integers(0, 3), st.lists(st.integers(0, 500), min_size=1,
                                                                              max_size=4),
              st.sampled_from(["clicks", "impressions", "spend", "landing_visits"])),
    st.tuples(st.just("undo"), st.integers(0, 20)),
    st.tuples(st.just("peso"), st.integers(0, 1), st.integers(0, 2), st.sampled_from(["paid", "earned", "owned"])),
), min_size=1, max_size=6)


@pytest.mark.slow     # fuzzing: 12 random write sequences, each on a new store: the full run only
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=WRITES)
def test_random_sequences_of_writes_keep_the_rollups_exact(tmp_path_factory, writes):
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


def test_the_rollup_statements_by_name_clear_fill_and_fingerprint_one_campaign(store):
    campaigns, partners = _seed(store)
    ingest.load(store, source="test", facts=_facts(campaigns[0], partners[0], [1, 2]))
    ingest.load(store, source="test", facts=_facts(campaigns[1], partners[0], [3]))
    with store.transaction() as con:
        queries.execute(con, "rollup_clear", {"campaign_id": campaigns[0]})
        queries.execute(con, "rollup_state_clear", {"campaign_id": campaigns[0]})
        assert queries.run(con, "rollup_stale")["campaign_id"].tolist() == [campaigns[0]]
        assert con.execute("select count(*) from rollup_partnership").fetchone()[0] == 1
        queries.execute(con, "rollup_fill", {"campaign_id": campaigns[0]})
        queries.execute(con, "rollup_state_save", {"campaign_id": campaigns[0]})
        assert queries.run(con, "rollup_stale").empty
    assert_exact(store)
