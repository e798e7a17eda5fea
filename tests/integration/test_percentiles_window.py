"""Queries moved onto the rollups and window functions equal what they replace: the percentiles' self-join, the deck's
comparison over every fact."""
from __future__ import annotations

import queries

# The self-join of the figures model's first version: every partnership against every other of its channel.
SELF_JOIN = """
with long as (
    unpivot (
        select partnership_id, campaign_id, campaign, partner, channel, ctr, open_rate, click_to_open, cpc_eur,
            cost_per_visit_eur, visits_per_1000_impressions, press_per_million_impressions
        from partnership_figures where channel is not null
    )
    on ctr, open_rate, click_to_open, cpc_eur, cost_per_visit_eur, visits_per_1000_impressions,
        press_per_million_impressions
    into name ratio value value
)
select
    a.partnership_id, a.ratio, a.value,
    count(b.partnership_id) as peers,
    count(b.partnership_id) filter (where b.value < a.value) as peers_lower,
    count(b.partnership_id) filter (where b.value = a.value) as peers_equal
from long as a
left join long as b on b.ratio = a.ratio and b.channel = a.channel and b.partnership_id <> a.partnership_id
group by all
"""


def _by_key(rows) -> dict:
    return {(r[0], r[1]): r[2:] for r in rows}


def test_window_percentiles_equal_the_self_join_on_the_demo(demo_store):
    with demo_store.read() as con:
        expected = _by_key(con.execute(SELF_JOIN).fetchall())
        found = queries.run(con, "benchmark_percentiles", {"partnership_ids": None, "campaign_id": None})
        one = queries.run(con, "benchmark_percentiles", {"partnership_ids": None,
                                                         "campaign_id": int(found["campaign_id"].iloc[0])})
    got = _by_key(found[["partnership_id", "ratio", "value", "peers", "peers_lower", "peers_equal"]]
                  .itertuples(index=False, name=None))
    assert len(expected) > 10 and got == expected
    assert set(one["campaign_id"]) == {found["campaign_id"].iloc[0]}
    assert ((found["peers"] == 0) == found["percentile"].isna()).all()
    # a tie: some partnership shares its value with a peer somewhere in the demo, or the check above says little
    assert (found["peers_equal"] > 0).any() or (found["peers_lower"] > 0).any()


def _over_the_facts(name: str) -> str:
    """The query file with every rollup read replaced by the figures model computed from the facts at that moment."""
    sql = (queries.QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    assert "rollup_partnership" in sql
    return sql.replace("rollup_partnership", "(select * from rollup_rows(null))")


def test_the_decks_comparison_from_the_rollups_equals_the_one_over_every_fact(demo_store):
    compared = 0
    with demo_store.read() as con:
        for (campaign,) in con.execute("select id from campaign").fetchall():
            expected = con.execute(_over_the_facts("deck_comparable"), {"campaign_id": campaign}).fetchall()
            found = queries.run(con, "deck_comparable", {"campaign_id": campaign})
            assert [tuple(r) for r in found.astype(object).where(found.notna(), None).itertuples(index=False)] == \
                [tuple(r) for r in expected], campaign
            compared += len(expected)
    assert compared > 5
