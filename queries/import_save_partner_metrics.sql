-- one row per partner-defined metric of the incoming definitions (registered as incoming_partner_metrics) saved for partner $partner_id
insert or replace into partner_metric (partner_id, metric, header_key, label, unit, amec, peso, additive, scale, updated_at)
select $partner_id, metric, header_key, label, unit, amec, peso, additive, scale, current_timestamp
from incoming_partner_metrics
