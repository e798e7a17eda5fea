-- one row per campaign × partner active in the period, best clicks first
with campaigns as (
    select id, name from campaign where $theme is null or theme = $theme
),

facts as (
    select f.*
    from fact_wide as f
    join campaigns as c on c.id = f.campaign_id
    where f.period_start between $start and $end and f.partner_id is not null
),

sums as (
    select
        campaign_id, partner_id,
        sum(impressions) as impressions, sum(clicks) as clicks, sum(landing_visits) as landing_visits,
        sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions
    from facts
    group by all
),

final as (
    select
        c.name as campaign, p.name as partner, s.impressions, s.clicks, s.landing_visits,
        ratio(s.ctr_clicks, s.ctr_impressions) as ctr
    from sums as s
    join campaigns as c on c.id = s.campaign_id
    join partner as p on p.id = s.partner_id
)

select * from final order by clicks desc nulls last, impressions desc nulls last limit $limit
