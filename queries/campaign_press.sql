-- one row per press article about the campaign, newest first
with press as (
    select * from press_mention where campaign_id = $campaign_id
),

final as (
    select
        pr.id as press_mention_id, pr.published_on, pr.outlet, pr.title, pr.url, pr.audience,
        pr.sentiment, pa.name as partner
    from press as pr
    left join partner as pa on pa.id = pr.partner_id
)

select * from final order by published_on desc, audience desc nulls last, outlet
