-- one row per folded name after counting this try: a checked try is reserved as a failure until it succeeds
insert into sign_in_throttle as seen (name_key, failures, attempts, last_failed_at)
values ($name_key, case when $checked then 1 else 0 end, 1, $now)
on conflict (name_key) do update set
    attempts = coalesce(seen.attempts, 0) + 1,
    failures = seen.failures + case when $checked then 1 else 0 end,
    last_failed_at = case when $checked then $now else seen.last_failed_at end
returning failures, attempts
