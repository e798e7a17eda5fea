-- one row per folded name that failed to sign in (at most one): its checked failures and when the last one was
select failures, coalesce(attempts, 0) as attempts, last_failed_at
from sign_in_throttle
where name_key = $name_key
