-- one row per campaign a source's figures can be credited to, by name
with campaigns as (
    select id, name from campaign
),

final as (
    select name, id from campaigns
)

select * from final order by name
