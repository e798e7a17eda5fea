-- one row inserted per expected report of a partnership, returning its id
insert into expected_report (partnership_id, what, is_final, period_start, period_end, due_on, created_by)
values ($partnership_id, $what, $is_final, $period_start, $period_end, $due_on, $created_by)
returning id
