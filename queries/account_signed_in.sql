-- one account: when it last signed in
update account set last_sign_in_at = $now where id = $account_id
