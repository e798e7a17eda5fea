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


# The deck's comparison of the figures model's first version, over every fact of the store.
DECK_OVER_FACTS = """
with this_campaign as (
    select c.id, coalesce(c.start_date, min(f.period_start)) as start_date
    from campaign as c
    left join metric_fact as f on f.campaign_id = c.id
    where c.id = $campaign_id
    group by c.id, c.start_date
),

campaign_starts as (
    select c.id as campaign_id, coalesce(c.start_date, min(f.period_start)) as start_date
    from campaign as c
    left join metric_fact as f on f.campaign_id = c.id
    group by c.id, c.start_date
),

partnership_sums as (
    select
        p.campaign_id, p.partner_id, p.channel, s.start_date,
        sum(f.value) filter (where f.metric = 'clicks') as clicks,
        sum(f.value) filter (where f.metric = 'impressions') as impressions
    from partnership as p
    inner join campaign_starts as s on s.campaign_id = p.campaign_id
    left join metric_fact as f on f.campaign_id = p.campaign_id and f.partner_id = p.partner_id
    group by all
),

current_partnerships as (
    select * from partnership_sums where campaign_id = $campaign_id
),

past_partnerships as (
    select ps.*
    from partnership_sums as ps, this_campaign as tc
    where ps.campaign_id <> tc.id and ps.start_date < tc.start_date
),

final as (
    select
        cu.partner_id, pa.name as partner, cu.channel, cu.clicks, cu.impressions,
        count(pt.clicks) as comparable_clicks_count, median(pt.clicks) as median_clicks,
        count(pt.impressions) as comparable_impressions_count, median(pt.impressions) as median_impressions
    from current_partnerships as cu
    left join past_partnerships as pt on pt.channel = cu.channel
    left join partner as pa on pa.id = cu.partner_id
    group by all
)

select * from final order by clicks desc nulls last, impressions desc nulls last, partner
"""


def test_the_decks_comparison_from_the_rollups_equals_the_one_over_every_fact(demo_store):
    compared = 0
    with demo_store.read() as con:
        for (campaign,) in con.execute("select id from campaign").fetchall():
            expected = con.execute(DECK_OVER_FACTS, {"campaign_id": campaign}).fetchall()
            found = queries.run(con, "deck_comparable", {"campaign_id": campaign})
            assert [tuple(r) for r in found.astype(object).where(found.notna(), None).itertuples(index=False)] == \
                [tuple(r) for r in expected], campaign
            compared += len(expected)
    assert compared > 5
