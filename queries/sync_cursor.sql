-- one row: the last day a source has figures (or articles) for, and the last day its successful runs covered
with loads as (
    select id from ingestion where source = $source and status = 'loaded'
),

facts as (
    select max(f.period_end) as last_day from metric_fact as f semi join loads as l on l.id = f.ingestion_id
),

press as (
    select max(p.published_on) as last_day from press_mention as p semi join loads as l on l.id = p.ingestion_id
),

runs as (
    select max(until) as last_day from sync_run where source = $source and status = 'ok'
),

final as (
    select
        greatest(facts.last_day, press.last_day) as last_loaded_day,
        runs.last_day as last_synced_day
    from facts, press, runs
)

select * from final
