-- no rows: the session was used now (idle time starts again), or is ended when it sat idle too long
update account_session
set last_seen_at = $now, revoked = revoked or $idle
where token_sha256 = $token_sha256
