-- one row per campaign with the previous edition of its series (campaigns sharing campaign.series, by start date)
with campaigns as (
    select id, name, series, start_date from campaign
),

ordered as (
    select
        id as campaign_id,
        name as campaign,
        series,
        start_date,
        case when series is not null then lag(id) over (partition by series order by start_date, id) end
            as previous_campaign_id
    from campaigns
),

final as (
    select o.*, p.name as previous_campaign
    from ordered as o
    left join campaign as p on p.id = o.previous_campaign_id
)

select * from final order by start_date desc nulls last, campaign
