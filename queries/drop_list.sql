-- one row per drop, newest first: of a partnership, of a link, or every drop; filtered by status when given
select
    d.id as drop_id, d.link_id, d.partnership_id, c.name as campaign, p.name as partner, d.dropped_at,
    d.status, d.summary, d.refusal_reason, d.decided_by, d.decided_at, d.ingestion_ids,
    (select count(*) from link_drop_file as f where f.drop_id = d.id and f.kind = 'report') as reports,
    (select count(*) from link_drop_file as f where f.drop_id = d.id and f.kind = 'picture') as pictures
from link_drop as d
join partnership as ps on ps.id = d.partnership_id
join campaign as c on c.id = ps.campaign_id
join partner as p on p.id = ps.partner_id
where ($partnership_id is null or d.partnership_id = $partnership_id)
  and ($link_id is null or d.link_id = $link_id)
  and ($status is null or d.status = $status)
order by d.dropped_at desc, d.id desc
