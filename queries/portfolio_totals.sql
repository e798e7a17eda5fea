-- one row: the portfolio's key figures for a period and theme (theme null: every theme), from the figures model's rollup
with figures as (
    select * from figures('portfolio', $start, $end, $theme, rolled := true)
),

final as (
    select
        coalesce(f.campaigns, 0) as campaigns,
        coalesce(f.partners, 0) as partners,
        f.* exclude (campaign_id, partner_id, day, campaigns, partners)
    from (select 1) as one
    left join figures as f on true
)

select * from final
