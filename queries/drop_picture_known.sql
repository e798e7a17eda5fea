-- one row: how many assets of the drop's partnership already hold this picture (a validation retried adds none twice)
select count(*) as known
from asset as a
join link_drop as d on d.id = $drop_id
join partnership as ps on ps.id = d.partnership_id
where a.sha256 = $sha256 and a.campaign_id = ps.campaign_id and a.partner_id = ps.partner_id
