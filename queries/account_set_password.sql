-- one account: its new password hash and when it changed
update account set password_hash = $password_hash, password_changed_at = $changed_at where id = $account_id
