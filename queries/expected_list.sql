-- one row per expected report of a partnership (or of every partnership when null), by due date
select
    e.id as expected_id, e.partnership_id, c.name as campaign, p.name as partner, e.what, e.is_final,
    e.period_start, e.period_end, e.due_on, e.delivered_on
from expected_report as e
join partnership as ps on ps.id = e.partnership_id
join campaign as c on c.id = ps.campaign_id
join partner as p on p.id = ps.partner_id
where $partnership_id is null or e.partnership_id = $partnership_id
order by e.due_on, e.id
