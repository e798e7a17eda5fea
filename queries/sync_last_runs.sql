-- one row per source that has run: its latest run and its latest successful run
with runs as (
    select * from sync_run
),

ranked as (
    select *, row_number() over (partition by source order by started_at desc, id desc) as recency
    from runs
),

last_ok as (
    select source, max(finished_at) as last_ok_at, max(until) as last_ok_until
    from runs
    where status = 'ok'
    group by source
),

final as (
    select r.source, r.id as run_id, r.status, r.started_at, r.finished_at, r.rows_loaded, r.press_loaded,
        r.error, r.unmapped, r.notes, o.last_ok_at, o.last_ok_until
    from ranked as r
    left join last_ok as o on o.source = r.source
    where r.recency = 1
)

select * from final order by source
