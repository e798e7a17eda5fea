-- one row per calendar year with impressions: the portfolio's resonance for a theme (theme null: every theme), from the figures model's rollup
with figures as (
    select * from figures('portfolio_year', null, null, $theme, rolled := true)
),

final as (
    select
        year(day) as year,
        impressions, impressions_paid, impressions_earned, impressions_shared, impressions_owned,
        partners_share_impressions, multiplier_impressions, partners_share_clicks, multiplier_clicks
    from figures
    where impressions is not null
)

select * from final order by year
