-- The figures of one grain: 'partnership_day' (campaign × partner × day), 'partnership' (campaign × partner),
-- 'campaign', 'partner' (across campaigns), 'portfolio' (one row) or 'portfolio_year' (one row per calendar year);
-- cells whose day falls between from_day and to_day (null: no bound), of campaigns of theme `of_theme` (null: every
-- theme). `rolled := true` (not at the day grain) reads the units from the rollup: fresh after rollups.ensure().
create or replace macro figures(at_grain, from_day, to_day, of_theme, of_campaign := null, of_partner := null,
                                rolled := false) as table
with units as (
    select * from figure_units(at_grain, from_day, to_day, of_theme, of_campaign, of_partner)
    where not rolled
    union all by name
    select * from figure_units_rolled(at_grain, from_day, to_day, of_theme, of_campaign, of_partner)
    where rolled
)

-- the sums and ratios of the units, as every grain and every source of units computes them
select * from figures_of_units(at_grain, 'units');
