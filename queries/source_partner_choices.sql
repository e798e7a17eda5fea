-- one row per partner a source's figures can be credited to, by name
with partners as (
    select name from partner
),

final as (
    select name from partners
)

select * from final order by name
