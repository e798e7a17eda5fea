-- one row per partner of the campaign (partner null: the campaign's own media), with its figures from the model
-- the model's partnership grain for this campaign alone, kept in its rollup (rollups.ensure() first): no fact is
-- pivoted, no macro planned
with figures as (
    select * exclude (main_channel) from rollup_partnership where campaign_id = $campaign_id
),

members as (
    select partner_id from partnership where campaign_id = $campaign_id
    union
    select partner_id from figures
),

final as (
    select
        m.partner_id,
        pa.name as partner,
        pa.kind as partner_kind,
        f.* exclude (campaign_id, partner_id, day, campaigns, partners, press_mentions),
        coalesce(f.press_mentions, 0) as press_mentions
    from members as m
    left join figures as f on f.partner_id is not distinct from m.partner_id
    left join partner as pa on pa.id = m.partner_id
)

select * from final order by impressions desc nulls last, clicks desc nulls last, partner nulls last
