-- one row per reach a partner (or the campaign's own media) reported for the campaign: kept as reported, never summed
with reports as (
    select * from metric_fact where campaign_id = $campaign_id and metric = 'reach'
),

final as (
    select
        pa.name as partner, r.channel, r.platform, r.period_start, r.period_end, r.value as reach,
        coalesce(i.file_name, i.source) as source
    from reports as r
    left join partner as pa on pa.id = r.partner_id
    left join ingestion as i on i.id = r.ingestion_id
)

select * from final order by partner nulls first, platform, period_start
