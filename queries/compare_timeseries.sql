-- one row per unit compared (partnership or campaign) × day of the campaign (day 1 = its start) × metric
with partnerships as (
    select id as partnership_id, campaign_id, partner_id
    from partnership
    where list_contains($partnership_ids, id)
),

-- the campaigns compared, alone: their first day from the rollups (rollups.ensure() first), never a pass over every
-- fact of the store
wanted as (
    select campaign_id from partnerships
    union
    select unnest($campaign_ids) as campaign_id
),

starts as (
    select c.id as campaign_id, coalesce(c.start_date, min(r.first_day)) as start_date
    from campaign as c
    join wanted as w on w.campaign_id = c.id
    left join rollup_partnership as r on r.campaign_id = c.id
    group by c.id, c.start_date
),

partnership_facts as (
    select 'p:' || ps.partnership_id as unit_key, f.campaign_id, f.period_start, f.metric, f.value
    from metric_fact as f
    join partnerships as ps on ps.campaign_id = f.campaign_id and ps.partner_id = f.partner_id
    where f.metric <> 'reach'
),

campaign_facts as (
    select 'c:' || f.campaign_id as unit_key, f.campaign_id, f.period_start, f.metric, f.value
    from metric_fact as f
    where list_contains($campaign_ids, f.campaign_id) and f.metric <> 'reach'
),

press as (
    select 'p:' || ps.partnership_id as unit_key, m.campaign_id, m.published_on as period_start,
        'press_mentions' as metric, 1.0 as value
    from press_mention as m
    join partnerships as ps on ps.campaign_id = m.campaign_id and ps.partner_id = m.partner_id
    union all
    select 'c:' || m.campaign_id, m.campaign_id, m.published_on, 'press_mentions', 1.0
    from press_mention as m
    where list_contains($campaign_ids, m.campaign_id)
),

all_facts as (
    select * from partnership_facts
    union all
    select * from campaign_facts
    union all
    select * from press
),

final as (
    select
        a.unit_key,
        cast(date_diff('day', s.start_date, a.period_start) + 1 as integer) as day_number,
        a.metric,
        sum(a.value) as value
    from all_facts as a
    join starts as s on s.campaign_id = a.campaign_id
    group by a.unit_key, day_number, a.metric
)

select * from final order by unit_key, metric, day_number
