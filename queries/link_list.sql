-- one row per upload link of a partnership (or of every partnership when $partnership_id is null), newest first
select
    l.id as link_id, l.partnership_id, c.name as campaign, p.name as partner, l.expires_on, l.max_uses, l.uses,
    l.revoked_at, l.created_by, l.created_at,
    (select count(*) from link_drop as d where d.link_id = l.id) as drops
from upload_link as l
join partnership as ps on ps.id = l.partnership_id
join campaign as c on c.id = ps.campaign_id
join partner as p on p.id = ps.partner_id
where $partnership_id is null or l.partnership_id = $partnership_id
order by l.created_at desc, l.id desc
