-- one session, by its token's hash: ended
update account_session set revoked = true where token_sha256 = $token_sha256
