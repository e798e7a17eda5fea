-- one row per year × theme of the portfolio: the share of impressions and clicks carried by partners, from the figures model
with years as (
    select unnest(range(year(min(period_start)), year(max(period_start)) + 1)) as year
    from figure_cell
),

themes as (
    select distinct theme from campaign where theme is not null
),

final as (
    select
        y.year, t.theme,
        f.impressions, f.clicks,
        f.partners_share_impressions, f.multiplier_impressions, f.partners_share_clicks, f.multiplier_clicks
    from years as y
    cross join themes as t,
        lateral (select * from figures('portfolio', make_date(y.year, 1, 1), make_date(y.year, 12, 31), t.theme)) as f
    where f.impressions is not null or f.clicks is not null
)

select * from final order by year, theme
