-- one row per sync run, newest first ($source = '' for every source)
with runs as (
    select * from sync_run where $source = '' or source = $source
),

final as (
    select
        id as run_id, source, kind, started_at, finished_at, status, since, until,
        rows_loaded, rows_replaced, press_loaded, press_duplicates, requests, ingestion_id,
        totals, unmapped, notes, error, triggered_by,
        date_diff('millisecond', started_at, finished_at) / 1000.0 as duration_s
    from runs
)

select * from final order by started_at desc, run_id desc limit $limit
