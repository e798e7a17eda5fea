-- one row per header whose role was saved for the partner ($partner_id, 0 for files without a partner)
with saved as (
    select header_key, header, role from column_mapping where partner_id = $partner_id
),

final as (
    select * from saved
)

select * from final
