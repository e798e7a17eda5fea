-- one account: its role changed
update account set role = $role where id = $account_id
