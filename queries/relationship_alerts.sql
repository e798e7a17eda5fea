-- one row per partner needing attention on $today: no meeting for more than $months months (or never),
-- or the next step planned at its latest meeting is overdue. Candidates are not partners yet: not listed.
with partners as (
    select id, name, kind from partner where not is_candidate
),

latest as (
    select partner_id, met_on, next_step, next_date from partner_latest_meeting
),

last_partnership as (
    select partner_id, max(coalesce(ps.end_date, c.end_date)) as last_partnership_end
    from partnership as ps
    join campaign as c on c.id = ps.campaign_id
    group by partner_id
),

final as (
    select
        p.id as partner_id,
        p.name as partner,
        p.kind,
        l.met_on as last_met_on,
        l.next_step,
        l.next_date,
        lp.last_partnership_end,
        l.met_on is null or l.met_on < cast($today as date) - to_months(cast($months as integer)) as not_met,
        l.next_date is not null and l.next_date < cast($today as date) as overdue,
        case when l.next_date < cast($today as date) then date_diff('day', l.next_date, cast($today as date)) end
            as days_overdue
    from partners as p
    left join latest as l on l.partner_id = p.id
    left join last_partnership as lp on lp.partner_id = p.id
)

select * from final
where not_met or overdue
order by overdue desc, days_overdue desc nulls last, last_met_on nulls first, partner
