-- one row: the campaign's totals over all partners and own media, with its ratios, from the figures model
with campaigns as (
    select id from campaign where id = $campaign_id
),

figures as (
    select * from figures_campaign where campaign_id = $campaign_id
),

final as (
    select
        f.* exclude (campaign_id, partner_id, day, campaigns, partners, press_mentions),
        coalesce(f.press_mentions, 0) as press_mentions,
        -- partners with figures (press included), the campaign's own media not counted
        (select count(distinct partner_id) from figures_partnership
         where campaign_id = $campaign_id and partner_id is not null) as partners_reporting
    from campaigns as c
    left join figures as f on true
)

select * from final
