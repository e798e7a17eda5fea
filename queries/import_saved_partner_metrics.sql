-- one row per partner-defined metric of partner $partner_id (0 for files without a partner), newest first
with defined as (
    select metric, header_key, label, unit, amec, peso, additive, scale, updated_at
    from partner_metric
    where partner_id = $partner_id
),

final as (
    select * from defined order by updated_at desc
)

select * from final
