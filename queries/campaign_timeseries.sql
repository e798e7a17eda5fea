-- one row per period (day or week) × metric of the campaign, partners added up
with facts as (
    select * from metric_fact
    where campaign_id = $campaign_id and metric <> 'reach'
),

final as (
    select
        cast(date_trunc($grain, period_start) as date) as period,
        metric,
        sum(value) as value
    from facts
    group by all
)

select * from final order by period, metric
