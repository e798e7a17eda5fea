-- one row per stored fact that the incoming facts (registered as incoming_facts) would replace
with stored as (
    select * from metric_fact
),

final as (
    select f.ingestion_id, f.metric, f.value
    from stored as f
    semi join incoming_facts as i
        on f.campaign_id = i.campaign_id
        and f.partner_id is not distinct from i.partner_id
        and f.channel = i.channel
        and f.peso = i.peso
        and f.platform = i.platform
        and f.period_start = i.period_start
        and f.period_end = i.period_end
        and f.metric = i.metric
)

select * from final
