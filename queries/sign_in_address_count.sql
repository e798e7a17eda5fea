-- one row per client address after counting this try: a checked try is reserved as a failure until it succeeds
insert into sign_in_address as seen (address, failures, attempts, last_failed_at)
values ($address, case when $checked then 1 else 0 end, 1, $now)
on conflict (address) do update set
    attempts = seen.attempts + 1,
    failures = seen.failures + case when $checked then 1 else 0 end,
    last_failed_at = case when $checked then $now else seen.last_failed_at end
returning failures, attempts
