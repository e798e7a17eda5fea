-- one name: its failed sign-ins forgotten
delete from sign_in_throttle where name_key = $name_key
