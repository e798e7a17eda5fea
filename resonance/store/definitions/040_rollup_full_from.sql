-- The first bucket wholly on or after `day` (null: no bound)
create or replace macro rollup_full_from(day) as
    case when rollup_bucket(day) = cast(day as date) then cast(day as date)
        else least(cast(date_trunc('week', cast(day as date)) as date) + 7, make_date(year(cast(day as date)) + 1, 1, 1))
    end;
