-- one row per audit event, newest first, optionally filtered by actor and action prefix
with events as (
    select id, happened_at, actor, action, target, details
    from audit_event
    where ($actor is null or actor = $actor)
      and ($action_prefix is null or starts_with(action, $action_prefix))
),

final as (
    select * from events
    order by happened_at desc, id desc
    limit $limit
)

select * from final
