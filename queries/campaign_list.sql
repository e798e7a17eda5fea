-- one row per campaign, newest first
with campaigns as (
    select * from campaign
),

partners as (
    select campaign_id, count(*) as partner_count
    from partnership
    group by campaign_id
),

final as (
    select
        c.id as campaign_id, c.name, c.theme, c.series, c.start_date, c.end_date,
        coalesce(p.partner_count, 0) as partner_count
    from campaigns as c
    left join partners as p on p.campaign_id = c.id
)

select * from final order by start_date desc nulls last, name
