-- The bucket the day after `day` falls in: the buckets before it end on or before `day` (null: no bound)
create or replace macro rollup_full_to(day) as rollup_bucket(cast(day as date) + 1);
