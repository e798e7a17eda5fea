-- one row per report to chase at $today: due within $horizon_days, late, or a campaign ended (within $ended_within_days) with no final report planned
with expected as (
    select
        e.id as expected_id, e.partnership_id, e.what, e.is_final, e.period_start, e.period_end, e.due_on,
        case when e.due_on < $today then 'late' else 'due_soon' end as state
    from expected_report as e
    where e.delivered_on is null
      and e.due_on < $today + to_days($horizon_days)
),

ended as (
    select
        null::integer as expected_id, ps.id as partnership_id, null::varchar as what, true as is_final,
        coalesce(ps.start_date, c.start_date) as period_start, coalesce(ps.end_date, c.end_date) as period_end,
        null::date as due_on, 'no_final' as state
    from partnership as ps
    join campaign as c on c.id = ps.campaign_id
    where coalesce(ps.end_date, c.end_date) < $today
      and coalesce(ps.end_date, c.end_date) >= $today - to_days($ended_within_days)
      and not exists (select 1 from expected_report as e where e.partnership_id = ps.id and e.is_final)
),

final as (
    select
        r.*, c.name as campaign, p.name as partner, p.contact, ps.campaign_id, ps.partner_id,
        case when r.state = 'late' then $today - r.due_on end as days_late
    from (select * from expected union all by name select * from ended) as r
    join partnership as ps on ps.id = r.partnership_id
    join campaign as c on c.id = ps.campaign_id
    join partner as p on p.id = ps.partner_id
)

select * from final
order by case state when 'late' then 0 when 'due_soon' then 1 else 2 end, due_on, campaign, partner
