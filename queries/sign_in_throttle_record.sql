-- one name: its failed sign-ins in a row and the last one, replaced
insert or replace into sign_in_throttle (name_key, failures, last_failed_at) values ($name_key, $failures, $failed_at)
