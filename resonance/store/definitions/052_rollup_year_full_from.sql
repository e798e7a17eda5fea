-- The first 1st of January on or after `day` (null: no bound)
create or replace macro rollup_year_full_from(day) as
    case when cast(day as date) = make_date(year(cast(day as date)), 1, 1) then cast(day as date)
        else make_date(year(cast(day as date)) + 1, 1, 1)
    end;
