-- no rows: this try counted for the folded name: a checked try is reserved as a failure until it succeeds
insert into sign_in_throttle (name_key, failures, attempts, last_failed_at)
values ($name_key, case when $checked then 1 else 0 end, 1, $now)
on conflict (name_key) do update set
    attempts = coalesce(sign_in_throttle.attempts, 0) + 1,
    failures = sign_in_throttle.failures + case when $checked then 1 else 0 end,
    last_failed_at = case when $checked then $now else sign_in_throttle.last_failed_at end
