-- one row per week × metric of the portfolio for a period and theme
with campaigns as (
    select id from campaign where $theme is null or theme = $theme
),

facts as (
    select f.*
    from metric_fact as f
    join campaigns as c on c.id = f.campaign_id
    where f.period_start between $start and $end
      and f.metric in ('impressions', 'clicks', 'landing_visits', 'unique_opens')
),

final as (
    select cast(date_trunc('week', period_start) as date) as period, metric, sum(value) as value
    from facts
    group by all
)

select * from final order by period, metric
