-- one account: disabled or enabled again
update account set disabled = $disabled where id = $account_id
