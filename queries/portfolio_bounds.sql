-- one row: the first and last day with figures, and the themes in use
select
    (select min(period_start) from metric_fact) as first_day,
    (select max(period_end) from metric_fact) as last_day,
    (select list(distinct theme order by theme) from campaign where theme is not null) as themes
