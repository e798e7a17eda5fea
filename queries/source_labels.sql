-- one row per label of a source that a manager mapped to a campaign
with labels as (
    select * from source_label where source = $source
),

final as (
    select l.label_key, l.label, l.campaign_id, c.name as campaign, l.partner_id, p.name as partner,
        l.created_by, l.created_at
    from labels as l
    left join campaign as c on c.id = l.campaign_id
    left join partner as p on p.id = l.partner_id
)

select * from final order by label
