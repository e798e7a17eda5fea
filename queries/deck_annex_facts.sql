-- one row per period × partner × channel × platform × metric of the campaign, as stored
with facts as (
    select * from metric_fact where campaign_id = $campaign_id
),

final as (
    select
        f.period_start, f.period_end, pa.name as partner, f.channel, f.peso, f.platform, f.metric,
        f.value, f.ingestion_id
    from facts as f
    left join partner as pa on pa.id = f.partner_id
)

select * from final order by period_start, partner nulls first, channel, platform, metric
