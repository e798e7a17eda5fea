-- one row per partnership × ratio it has: its percentile among the other partnerships of the same channel
-- percentile = 100 × (peers with a lower ratio + half the peers with the same ratio) / peers;
-- null when no other partnership of the channel has that ratio. Percentiles are computed for the partnerships in
-- $partnership_ids (all when null) of campaign $campaign_id (all when null); their peers are always all the others.
with figures as (
    select * from partnership_figures where channel is not null
),

long as (
    unpivot (
        select partnership_id, campaign_id, campaign, partner, channel, ctr, open_rate, click_to_open, cpc_eur,
            cost_per_visit_eur, visits_per_1000_impressions, press_per_million_impressions
        from figures
    )
    on ctr, open_rate, click_to_open, cpc_eur, cost_per_visit_eur, visits_per_1000_impressions,
        press_per_million_impressions
    into name ratio value value
),

-- by window functions over every partnership's ratios (never a self-join, which grows with the square of the
-- partnerships): the peers lower are the rank minus one, the peers equal the rows of the same value minus one; the
-- three windows share one partition and one order, so the rows are sorted once
ranked as (
    select
        partnership_id, campaign_id, campaign, partner, channel, ratio, value,
        count(*) over (by_value rows between unbounded preceding and unbounded following) - 1 as peers,
        rank() over by_value - 1 as peers_lower,
        count(*) over (by_value range between current row and current row) - 1 as peers_equal
    from long
    window by_value as (partition by channel, ratio order by value)
),

compared as (
    select * from ranked
    where ($partnership_ids is null or list_contains($partnership_ids, partnership_id))
        and ($campaign_id is null or campaign_id = $campaign_id)
),

final as (
    select
        *,
        case when peers = 0 then null else 100.0 * (peers_lower + 0.5 * peers_equal) / peers end as percentile
    from compared
)

select * from final order by campaign, partner, ratio
