-- one new session of an account (only the token's hash is kept)
insert into account_session (token_sha256, account_id, created_at, expires_at, method)
values ($token_sha256, $account_id, $created_at, $expires_at, $method)
