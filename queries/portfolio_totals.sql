-- one row: the portfolio's key figures for a period and theme (theme null: every theme)
with campaigns as (
    select id from campaign where $theme is null or theme = $theme
),

facts as (
    select f.*
    from fact_wide as f
    join campaigns as c on c.id = f.campaign_id
    where f.period_start between $start and $end
),

press as (
    select count(*) as press_mentions, sum(p.audience) as press_audience
    from press_mention as p
    join campaigns as c on c.id = p.campaign_id
    where p.published_on between $start and $end
),

sums as (
    select
        count(distinct campaign_id) as campaigns,
        count(distinct partner_id) as partners,
        sum(impressions) as impressions, sum(clicks) as clicks,
        sum(unique_opens) as unique_opens, sum(landing_visits) as landing_visits,
        sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions
    from facts
),

final as (
    select
        s.* exclude (ctr_clicks, ctr_impressions),
        ratio(s.ctr_clicks, s.ctr_impressions) as ctr,
        p.press_mentions, p.press_audience
    from sums as s, press as p
)

select * from final
