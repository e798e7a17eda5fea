-- one row per partnership (campaign × partner) with its volumes and its ratios computed from sums
with figures as (
    select * from partnership_figures
),

final as (
    select
        *,
        year(start_date) as year
    from figures
)

select * from final order by start_date desc nulls last, campaign, partner
