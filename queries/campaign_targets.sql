-- one row per metric with a target for the campaign
select metric, value as target
from target
where campaign_id = $campaign_id
order by metric
