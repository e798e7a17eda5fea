-- one row per partnership of the campaign with the partner (none or one: the pair is unique)
select id as partnership_id
from partnership
where campaign_id = $campaign_id and partner_id = $partner_id
