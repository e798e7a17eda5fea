-- one row per year × theme of the portfolio: the share of impressions and clicks carried by partners, from the figures model's rollup
with themes as (
    select distinct theme from campaign where theme is not null
),

final as (
    select
        year(f.day) as year, t.theme,
        f.impressions, f.clicks,
        f.partners_share_impressions, f.multiplier_impressions, f.partners_share_clicks, f.multiplier_clicks
    from themes as t,
        lateral (select * from figures('portfolio_year', null, null, t.theme, rolled := true)) as f
    where f.impressions is not null or f.clicks is not null
)

select * from final order by year, theme
