-- removes the stored facts kept aside for ingestion $ingestion_id (same key as an incoming row)
delete from metric_fact as f
using fact_replaced as r
where r.replaced_by = $ingestion_id
    and f.ingestion_id = r.ingestion_id
    and f.campaign_id = r.campaign_id
    and f.partner_id is not distinct from r.partner_id
    and f.channel = r.channel
    and f.peso = r.peso
    and f.platform = r.platform
    and f.period_start = r.period_start
    and f.period_end = r.period_end
    and f.metric = r.metric
