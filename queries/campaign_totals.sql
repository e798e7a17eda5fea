-- one row: the campaign's totals over all partners and own media, with its ratios, from the figures model
with campaigns as (
    select id from campaign where id = $campaign_id
),

-- the model read for this campaign alone, from its rollup (rollups.ensure() first): no fact is pivoted
figures as (
    select * from figures('campaign', null, null, null, of_campaign := $campaign_id, rolled := true)
),

final as (
    select
        f.* exclude (campaign_id, partner_id, day, campaigns, partners, press_mentions),
        coalesce(f.press_mentions, 0) as press_mentions,
        -- partners with figures (press included), the campaign's own media not counted (a count of distinct
        -- partners leaves the null partner out)
        coalesce(f.partners, 0) as partners_reporting
    from campaigns as c
    left join figures as f on true
)

select * from final
