-- one row per partner or candidate: declared and measured audience, past performance from sums, partnerships count
with figures as (
    select * from partnership_figures
),

per_partner as (
    select
        partner_id,
        count(*) as partnerships,
        max(impressions) as measured_audience,
        sum(impressions) as impressions, sum(clicks) as clicks, sum(landing_visits) as landing_visits,
        sum(spend_eur) as spend_eur, sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions,
        sum(landing_visits) filter (where spend_eur is not null) as paid_visits,
        max(start_date) as last_partnership_on
    from figures
    group by partner_id
),

meetings as (
    select partner_id, max(met_on) as last_met_on
    from meeting
    group by partner_id
),

final as (
    select
        p.id as partner_id,
        p.name as partner,
        p.kind,
        p.sector,
        p.audiences,
        p.declared_audience,
        p.contact,
        p.notes,
        p.is_candidate,
        coalesce(f.partnerships, 0) as partnerships,
        f.measured_audience,
        coalesce(p.declared_audience, f.measured_audience) as audience,
        f.impressions, f.clicks, f.landing_visits, f.spend_eur,
        ratio(f.ctr_clicks, f.ctr_impressions) as ctr,
        ratio(1000 * f.landing_visits, f.impressions) as visits_per_1000_impressions,
        ratio(f.spend_eur, f.paid_visits) as cost_per_visit_eur,
        f.last_partnership_on,
        m.last_met_on
    from partner as p
    left join per_partner as f on f.partner_id = p.id
    left join meetings as m on m.partner_id = p.id
)

select * from final order by is_candidate, partner
