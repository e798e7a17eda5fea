-- no rows: a right password clears its name's failures
delete from sign_in_throttle where name_key = $name_key
