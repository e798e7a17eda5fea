-- one row per enabled-or-not account whose e-mail is exactly this one (at most one): single sign-on matches nothing else
with matching as (
    select id, name, email, role, disabled, password_hash
    from account
    where email is not null and lower(email) = $email
),

final as (
    select * from matching
    order by id
    limit 1
)

select * from final
