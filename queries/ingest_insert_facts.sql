-- one stored fact per incoming row (incoming_facts, already one row per key)
insert into metric_fact
select campaign_id, partner_id, channel, peso, platform, period_start, period_end, metric, value, $ingestion_id
from incoming_facts
