-- one row per recorded event (inserts one); the time is the store's clock, like every other created_at
insert into audit_event (happened_at, actor, action, target, details)
values (coalesce($at, current_timestamp::timestamp), $actor, $action, $target, $details)
