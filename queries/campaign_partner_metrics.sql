-- one row per partner-defined metric of campaign $campaign_id and partner: its label, unit, AMEC stage, and its figure (a sum when it adds up, else as reported)
with definitions as (
    select partner_id, metric, label, unit, amec, peso, additive from partner_metric
),

summed as (
    select f.partner_id, f.metric, sum(f.value) as value, min(f.period_start) as period_start,
        max(f.period_end) as period_end
    from metric_fact as f
    where f.campaign_id = $campaign_id and starts_with(f.metric, 'partner:')
    group by f.partner_id, f.metric
),

reported as (
    select r.partner_id, r.rate as metric, arg_max(r.value, r.period_end) as value, min(r.period_start) as period_start,
        max(r.period_end) as period_end
    from reported_rate as r
    join ingestion as i on i.id = r.ingestion_id and i.status = 'loaded'
    where r.campaign_id = $campaign_id and starts_with(r.rate, 'partner:')
    group by r.partner_id, r.rate
),

figures as (
    select *, true as summed_up from summed
    union all
    select *, false as summed_up from reported
),

final as (
    select coalesce(p.name, '') as partner, d.label, d.unit, d.amec, d.peso, g.summed_up as additive, g.value,
        g.period_start, g.period_end, g.metric
    from figures as g
    left join definitions as d on d.partner_id = coalesce(g.partner_id, 0) and d.metric = g.metric
    left join partner as p on p.id = g.partner_id
    order by d.amec, partner, d.label
)

select * from final
