-- one row per rate kept as reported (registered as incoming_rates) for ingestion $ingestion_id
insert into reported_rate (ingestion_id, campaign_id, partner_id, platform, period_start, period_end, rate, value, rows_behind)
select $ingestion_id, campaign_id, partner_id, platform, period_start, period_end, rate, value, rows_behind
from incoming_rates
