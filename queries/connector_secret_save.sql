-- no rows: declare (or redeclare) a connector secret by name
insert into connector_secret (name, env, secrets_key, hosts, created_by)
values ($name, $env, $secrets_key, $hosts, $created_by)
on conflict (name) do update set
    env = excluded.env, secrets_key = excluded.secrets_key, hosts = excluded.hosts,
    created_by = excluded.created_by, created_at = now()
