-- one row: how many accounts can sign in, and how many of them are admins
with active as (
    select role from account where not disabled
),

final as (
    select count(*) as accounts, count(*) filter (where role = 'admin') as admins
    from active
)

select * from final
