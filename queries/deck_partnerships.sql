-- one row per partnership of the campaign, with the partner's latest meeting (continuity, step 6)
with partnerships as (
    select * from partnership where campaign_id = $campaign_id
),

latest_meeting as (
    select
        partner_id,
        arg_max(met_on, met_on) as met_on,
        arg_max(next_step, met_on) as next_step,
        arg_max(next_date, met_on) as next_date
    from meeting
    where partner_id in (select partner_id from partnerships)
    group by partner_id
),

final as (
    select
        p.partner_id, pa.name as partner, pa.kind as partner_kind, p.role, p.channel, p.activations,
        p.counterparts, p.step, p.supervisor_informed, p.sig_informed, p.legal_frame_signed,
        p.message_validated, p.start_date, p.end_date,
        m.met_on as last_meeting_on, m.next_step, m.next_date
    from partnerships as p
    left join partner as pa on pa.id = p.partner_id
    left join latest_meeting as m on m.partner_id = p.partner_id
)

select * from final order by partner
