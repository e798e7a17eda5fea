-- one row per account whose folded name or e-mail matches (at most one)
with matching as (
    select id, name, email, role, disabled, password_hash
    from account
    where name_key = $name_key or lower(email) = $name_key
),

final as (
    select * from matching
    order by id
    limit 1
)

select * from final
