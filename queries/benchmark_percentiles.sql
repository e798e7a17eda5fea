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

compared as (
    select
        a.partnership_id, a.campaign_id, a.campaign, a.partner, a.channel, a.ratio, a.value,
        count(b.partnership_id) as peers,
        count(b.partnership_id) filter (where b.value < a.value) as peers_lower,
        count(b.partnership_id) filter (where b.value = a.value) as peers_equal
    from long as a
    left join long as b
        on b.ratio = a.ratio and b.channel = a.channel and b.partnership_id <> a.partnership_id
    where ($partnership_ids is null or list_contains($partnership_ids, a.partnership_id))
        and ($campaign_id is null or a.campaign_id = $campaign_id)
    group by all
),

final as (
    select
        *,
        case when peers = 0 then null else 100.0 * (peers_lower + 0.5 * peers_equal) / peers end as percentile
    from compared
)

select * from final order by campaign, partner, ratio
