-- one row per campaign × partner active in the period, best clicks first, from the figures model's rollup
with campaigns as (
    select id, name from campaign
),

figures as (
    select * from figures('partnership', $start, $end, $theme, rolled := true) where partner_id is not null
),

final as (
    select c.name as campaign, p.name as partner, f.impressions, f.clicks, f.landing_visits, f.ctr
    from figures as f
    join campaigns as c on c.id = f.campaign_id
    join partner as p on p.id = f.partner_id
    where coalesce(f.impressions, f.clicks, f.landing_visits) is not null
)

select * from final order by clicks desc nulls last, impressions desc nulls last limit $limit
