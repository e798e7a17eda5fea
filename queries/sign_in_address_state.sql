-- one row per client address that failed to sign in (at most one): its checked failures and when the last one was
select failures, attempts, last_failed_at
from sign_in_address
where address = $address
