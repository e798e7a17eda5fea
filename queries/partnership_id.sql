-- at most one row: the partnership of a campaign and a partner
select id from partnership where campaign_id = $campaign_id and partner_id = $partner_id
