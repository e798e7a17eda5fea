-- no rows: remember that this name signed in from this address (the name's lock does not apply there)
insert into sign_in_known (name_key, address, last_ok_at)
values ($name_key, $address, $now)
on conflict (name_key, address) do update set last_ok_at = $now
