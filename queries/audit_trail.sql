-- one row per audit event, newest first: recorded events, plus every ingestion and picture (their own rows say who and when)
with recorded as (
    select happened_at, actor, action, target, details, id as event_id
    from audit_event
),

ingestions as (
    select
        created_at as happened_at,
        created_by as actor,
        'ingestion.load' as action,
        'ingestion ' || id || coalesce(' · ' || file_name, '') as target,
        '{"source": ' || to_json(source) || ', "rows_loaded": ' || rows_loaded || ', "rows_replaced": ' || rows_replaced
            || ', "status": ' || to_json(status) || '}' as details,
        null::integer as event_id
    from ingestion
),

pictures as (
    select
        created_at as happened_at,
        created_by as actor,
        'asset.add' as action,
        'asset ' || id || coalesce(' · ' || caption, '') as target,
        null as details,
        null::integer as event_id
    from asset
),

events as (
    select * from recorded
    union all
    select * from ingestions
    union all
    select * from pictures
),

final as (
    select happened_at, actor, action, target, details
    from events
    where ($actor is null or actor = $actor)
      and ($action_prefix is null or starts_with(action, $action_prefix))
    order by happened_at desc, event_id desc nulls last
    limit $limit
)

select * from final
