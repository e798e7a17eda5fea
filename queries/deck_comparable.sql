-- one row per partnership of the campaign, with the median of comparable past partnerships (same channel)
-- every partnership's sums come from the rollups (the figures model's partnership grain, kept by the writers):
-- the deck no longer scans every fact of the store for its comparison
with campaign_starts as (
    select c.id as campaign_id, coalesce(c.start_date, min(r.first_day)) as start_date
    from campaign as c
    left join rollup_partnership as r on r.campaign_id = c.id
    group by c.id, c.start_date
),

this_campaign as (
    select campaign_id as id, start_date from campaign_starts where campaign_id = $campaign_id
),

partnership_sums as (
    select p.campaign_id, p.partner_id, p.channel, s.start_date, r.clicks, r.impressions
    from partnership as p
    inner join campaign_starts as s on s.campaign_id = p.campaign_id
    left join rollup_partnership as r on r.campaign_id = p.campaign_id and r.partner_id = p.partner_id
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
