-- one row per source known to the store (configured in the page, or a switch of a declared one)
with sources as (
    select * from source
),

final as (
    select name, kind, origin, settings, enabled, updated_by, updated_at
    from sources
)

select * from final order by name
