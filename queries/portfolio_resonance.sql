-- one row: the portfolio's resonance for a period and theme (theme null: every theme), from the figures model
with figures as (
    select * from figures('portfolio', $start, $end, $theme)
),

final as (
    select
        impressions, impressions_paid, impressions_earned, impressions_shared, impressions_owned,
        partners_share_impressions, multiplier_impressions, partners_share_clicks, multiplier_clicks
    from figures
)

select * from final
