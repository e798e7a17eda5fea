-- one row per recorded event (inserts one)
insert into audit_event (happened_at, actor, action, target, details)
values ($at, $actor, $action, $target, $details)
