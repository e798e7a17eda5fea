-- one row per picture or quote of the campaign, in deployment order
with assets as (
    select * from asset where campaign_id = $campaign_id
),

final as (
    select
        a.id as asset_id, a.kind, a.sha256, a.mime, a.width, a.height, a.caption, a.quote_text,
        a.taken_on, a.illustrates_metric, a.partner_id, pa.name as partner
    from assets as a
    left join partner as pa on pa.id = a.partner_id
)

select * from final order by taken_on nulls last, asset_id
