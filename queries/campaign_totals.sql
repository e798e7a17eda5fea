-- one row: the campaign's totals over all partners and own media, with its ratios, from the figures model
with campaigns as (
    select id from campaign where id = $campaign_id
),

-- the model's campaign grain for this campaign alone, kept in its rollup (rollups.ensure() first): one row read, no
-- fact pivoted, no macro planned (a command line's `report` pays the planning of the model on every run)
figures as (
    select * from rollup_campaign where campaign_id = $campaign_id
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
