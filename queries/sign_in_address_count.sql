-- no rows: this try counted for the client address: a checked try is reserved as a failure until it succeeds
insert into sign_in_address (address, failures, attempts, last_failed_at)
values ($address, case when $checked then 1 else 0 end, 1, $now)
on conflict (address) do update set
    attempts = sign_in_address.attempts + 1,
    failures = sign_in_address.failures + case when $checked then 1 else 0 end,
    last_failed_at = case when $checked then $now else sign_in_address.last_failed_at end
