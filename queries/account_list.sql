-- one row per account
with accounts as (
    select id, name, name_key, email, role, disabled, password_hash is not null as has_password,
           created_by, created_at, password_changed_at, last_sign_in_at
    from account
),

final as (
    select * from accounts
    order by disabled, case role when 'admin' then 0 when 'editeur' then 1 else 2 end, name_key
)

select * from final
