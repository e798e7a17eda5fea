-- one source switched on or off (a declared source gets a row holding only its switch)
insert into source (name, kind, origin, settings, enabled, updated_by, updated_at)
values ($name, $kind, $origin, null, $enabled, $updated_by, current_timestamp)
on conflict (name) do update set
    enabled = excluded.enabled,
    updated_by = excluded.updated_by,
    updated_at = now()
