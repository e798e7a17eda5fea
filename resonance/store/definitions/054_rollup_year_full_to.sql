-- The 1st of January of the year of the day after `day`: the years before it end on or before `day` (null: no bound)
create or replace macro rollup_year_full_to(day) as make_date(year(cast(day as date) + 1), 1, 1);
