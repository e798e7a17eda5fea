-- one row per campaign, all partners and own media added up, with its figures from the model (its rollup: rollups.ensure() first)
with figures as (
    select * from rollup_campaign
),

partners as (
    select campaign_id, count(*) as partner_count
    from partnership
    group by campaign_id
),

final as (
    select
        c.id as campaign_id,
        c.name as campaign,
        c.series,
        c.theme,
        c.target_public,
        coalesce(c.start_date, f.first_day) as start_date,
        c.end_date,
        year(coalesce(c.start_date, f.first_day)) as year,
        coalesce(pa.partner_count, 0) as partner_count,
        coalesce(f.press_mentions, 0) as press_mentions,
        f.* exclude (campaign_id, partner_id, day, campaigns, partners, press_mentions)
    from campaign as c
    left join figures as f on f.campaign_id = c.id
    left join partners as pa on pa.campaign_id = c.id
)

select * from final order by start_date desc nulls last, campaign
