-- one row per campaign: its name and dates, to warn about figures outside them
with campaigns as (
    select id, name, start_date, end_date from campaign
),

final as (
    select * from campaigns
)

select * from final
