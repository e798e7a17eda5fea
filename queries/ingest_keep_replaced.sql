-- one row per stored fact that the incoming rows (registered as incoming_facts) are about to replace
insert into fact_replaced
select $ingestion_id, f.* exclude (ingestion_id), f.ingestion_id
from metric_fact as f
semi join incoming_facts as i
    on f.campaign_id = i.campaign_id
    and f.partner_id is not distinct from i.partner_id
    and f.channel = i.channel
    and f.peso = i.peso
    and f.platform = i.platform
    and f.period_start = i.period_start
    and f.period_end = i.period_end
    and f.metric = i.metric
