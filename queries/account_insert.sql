-- one row: the id of the account just created
insert into account (name, name_key, email, role, password_hash, created_by, password_changed_at)
values ($name, $name_key, $email, $role, $password_hash, $created_by, $password_changed_at)
returning id
