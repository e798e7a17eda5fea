-- one source configured in the page, created or updated (settings hold no secret)
insert into source (name, kind, origin, settings, enabled, updated_by, updated_at)
values ($name, $kind, $origin, $settings, $enabled, $updated_by, current_timestamp)
on conflict (name) do update set
    kind = excluded.kind,
    origin = excluded.origin,
    settings = excluded.settings,
    enabled = excluded.enabled,
    updated_by = excluded.updated_by,
    updated_at = now()
