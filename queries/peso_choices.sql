-- one row per partnership of the campaign (and its own media): the PESO kind chosen for its figures, if any, and the kinds recorded at import
with members as (
    select partner_id from partnership where campaign_id = $campaign_id
    union
    select distinct partner_id from metric_fact where campaign_id = $campaign_id
),

recorded as (
    select partner_id, list_sort(list(distinct peso)) as recorded
    from metric_fact
    where campaign_id = $campaign_id
    group by partner_id
),

final as (
    select
        m.partner_id, pa.name as partner, c.peso as chosen, r.recorded
    from members as m
    left join partner as pa on pa.id = m.partner_id
    left join partnership_peso as c on c.campaign_id = $campaign_id and c.partner_id is not distinct from m.partner_id
    left join recorded as r on r.partner_id is not distinct from m.partner_id
)

select * from final order by partner nulls first
