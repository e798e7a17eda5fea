-- one row per partnership (campaign × partner), with its lifecycle checklist; all partners when $partner_id is null
with figures as (
    select * from partnership_figures
    where $partner_id is null or partner_id = $partner_id
),

final as (
    select
        f.*,
        ps.supervisor_informed,
        ps.sig_informed,
        ps.legal_frame_signed,
        ps.message_validated,
        ps.start_date as partnership_start,
        ps.end_date as partnership_end,
        ps.channel as declared_channel
    from figures as f
    join partnership as ps on ps.id = f.partnership_id
)

select * from final order by start_date desc nulls last, campaign, partner
