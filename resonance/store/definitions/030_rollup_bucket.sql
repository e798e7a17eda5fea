-- The first day of the bucket a day falls in: its week's Monday, or the 1st of January when the year began since.
create or replace macro rollup_bucket(day) as
    cast(greatest(date_trunc('week', cast(day as date)), date_trunc('year', cast(day as date))) as date);
