-- one row: the portfolio's resonance for a period and theme (theme null: every theme), from the figures model's rollup
with figures as (
    select * from figures('portfolio', $start, $end, $theme, rolled := true)
),

final as (
    select
        impressions, impressions_paid, impressions_earned, impressions_shared, impressions_owned,
        partners_share_impressions, multiplier_impressions, partners_share_clicks, multiplier_clicks
    from figures
)

select * from final
