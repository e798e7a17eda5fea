-- at most one row per name: its failed sign-ins in a row and the last one
select failures, last_failed_at from sign_in_throttle where name_key = $name_key
