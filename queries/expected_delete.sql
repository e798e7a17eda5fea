-- one row per expected report deleted (one id)
delete from expected_report where id = $expected_id
