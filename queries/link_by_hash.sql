-- one row per upload link whose token has this hash (none or one), with its partnership's campaign and partner
select
    l.id as link_id, l.token_sha256, l.partnership_id, l.expires_on, l.max_uses, l.uses, l.revoked_at,
    ps.campaign_id, c.name as campaign, c.start_date, c.end_date, ps.partner_id, p.name as partner
from upload_link as l
join partnership as ps on ps.id = l.partnership_id
join campaign as c on c.id = ps.campaign_id
join partner as p on p.id = ps.partner_id
where l.token_sha256 = $token_sha256
