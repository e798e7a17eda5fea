-- one row per picture or quote attached to the partner, newest first
with assets as (
    select * from asset where partner_id = $partner_id
),

final as (
    select
        a.id as asset_id, a.kind, a.sha256, a.mime, a.caption, a.quote_text, a.taken_on,
        a.campaign_id, c.name as campaign, a.partner_id, pa.name as partner
    from assets as a
    left join campaign as c on c.id = a.campaign_id
    left join partner as pa on pa.id = a.partner_id
)

select * from final order by taken_on desc nulls last, asset_id
