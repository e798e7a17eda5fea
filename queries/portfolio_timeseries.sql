-- one row per week × metric of the portfolio for a period and theme: the whole buckets from the week rollup, the days at either end from the facts
with campaigns as (
    select id from campaign where $theme is null or theme = $theme
),

-- the buckets (weeks cut at the new year) wholly inside the period
buckets as (
    select cast(date_trunc('week', r.day) as date) as period, r.impressions, r.clicks, r.landing_visits, r.unique_opens
    from rollup_week as r
    join campaigns as c on c.id = r.campaign_id
    where r.day >= rollup_full_from($start) and r.day < rollup_full_to($end)
),

-- the days of the period outside those buckets: at most six at either end
edges as (
    select cast(date_trunc('week', f.period_start) as date) as period, f.metric, f.value
    from metric_fact as f
    join campaigns as c on c.id = f.campaign_id
    where f.period_start between $start and $end
      and not (f.period_start >= rollup_full_from($start) and f.period_start < rollup_full_to($end))
      and f.metric in ('impressions', 'clicks', 'landing_visits', 'unique_opens')
),

parts as (
    unpivot buckets on impressions, clicks, landing_visits, unique_opens into name metric value value
    union all
    select period, metric, value from edges
),

final as (
    select period, metric, sum(value) as value
    from parts
    group by all
)

select * from final order by period, metric
