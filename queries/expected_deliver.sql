-- one row per expected report of the partnership marked delivered: the earliest not yet delivered, on $delivered_on
update expected_report set delivered_on = $delivered_on
where id = (
    select id from expected_report
    where partnership_id = $partnership_id and delivered_on is null
    order by due_on, id
    limit 1
)
returning id
