-- one row per partner, by name: the partners a file can be imported for
with partners as (
    select id, name from partner
),

final as (
    select * from partners
)

select * from final order by name
