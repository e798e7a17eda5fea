-- one row per partner having expected reports: how many came on time, late, or are missing (due before $today, not delivered)
select
    ps.partner_id,
    count(*) filter (where e.delivered_on is not null and e.delivered_on <= e.due_on) as on_time,
    count(*) filter (where e.delivered_on is not null and e.delivered_on > e.due_on) as late,
    count(*) filter (where e.delivered_on is null and e.due_on < $today) as missing
from expected_report as e
join partnership as ps on ps.id = e.partnership_id
where $partner_id is null or ps.partner_id = $partner_id
group by ps.partner_id
order by ps.partner_id
