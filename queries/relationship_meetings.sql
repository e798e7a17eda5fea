-- one row per meeting with a partner, newest first; every partner's meetings when $partner_id is null
with meetings as (
    select * from meeting
    where $partner_id is null or partner_id = $partner_id
),

final as (
    select
        m.id as meeting_id, m.partner_id, p.name as partner, m.met_on, m.kind, m.notes, m.next_step, m.next_date,
        m.created_by
    from meetings as m
    join partner as p on p.id = m.partner_id
)

select * from final order by met_on desc, meeting_id desc
