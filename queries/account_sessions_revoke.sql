-- every session of one account: ended at once
update account_session set revoked = true where account_id = $account_id
