-- one row per partner or candidate: declared and measured audience, past performance from the model, partnerships count (its rollup: rollups.ensure() first)
with figures as (
    select * from figures('partner', null, null, null, rolled := true) where partner_id is not null
),

per_partner as (
    select
        partner_id,
        count(*) as partnerships,
        max(impressions) as measured_audience,
        max(start_date) as last_partnership_on
    from partnership_figures
    group by partner_id
),

meetings as (
    select partner_id, met_on as last_met_on from partner_latest_meeting
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
        coalesce(pp.partnerships, 0) as partnerships,
        pp.measured_audience,
        coalesce(p.declared_audience, pp.measured_audience) as audience,
        f.impressions, f.clicks, f.landing_visits, f.spend_eur,
        f.ctr, f.visits_per_1000_impressions, f.cost_per_visit_eur,
        pp.last_partnership_on, m.last_met_on
    from partner as p
    left join per_partner as pp on pp.partner_id = p.id
    left join figures as f on f.partner_id = p.id
    left join meetings as m on m.partner_id = p.id
)

select * from final order by is_candidate, partner
