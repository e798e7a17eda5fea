-- one row per session holding this token hash (at most one): when it was last used
select coalesce(last_seen_at, created_at) as seen_at
from account_session
where token_sha256 = $token_sha256
