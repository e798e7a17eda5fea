-- 005: API connectors — sources configured in the page, label → campaign mappings, and sync runs.
-- Secrets are never stored here: a source only names the variable (environment or
-- .streamlit/secrets.toml) that holds its token.

-- Sources configured in the page (origin 'page'), and the on/off switch of sources declared in
-- the TOML file (origin 'file': settings stay in the file, only `enabled` lives here).
create table source (
    name varchar primary key,
    kind varchar not null,
    origin varchar not null default 'page' check (origin in ('page', 'file')),
    settings varchar,                  -- JSON of resonance.sources.Source, without any secret
    enabled boolean not null default true,
    updated_by varchar not null default 'system',
    updated_at timestamp not null default current_timestamp
);

-- A label as the source knows it (mtm_campaign, e-mail campaign name, feed keyword) mapped by a
-- manager to a campaign (and optionally a partner); label_key is the label without case or accents.
create table source_label (
    source varchar not null,
    label_key varchar not null,
    label varchar not null,
    campaign_id integer not null,
    partner_id integer,
    created_by varchar not null default 'system',
    created_at timestamp not null default current_timestamp,
    primary key (source, label_key)
);

-- One row per sync of one source: what was asked, what came back, what landed, what failed.
create sequence sync_run_id_seq start 1;
create table sync_run (
    id integer primary key default nextval('sync_run_id_seq'),
    source varchar not null,
    kind varchar not null,
    started_at timestamp not null default current_timestamp,
    finished_at timestamp,
    status varchar not null default 'running' check (status in ('running', 'ok', 'error')),
    since date,
    until date,
    rows_loaded integer not null default 0,
    rows_replaced integer not null default 0,
    press_loaded integer not null default 0,
    press_duplicates integer not null default 0,
    requests integer not null default 0,
    ingestion_id integer,
    totals varchar,                    -- JSON {metric: number}
    unmapped varchar,                  -- JSON [{label, volumes, reason}]
    notes varchar,                     -- JSON: API used, Apple Mail privacy opens, computed figures
    error varchar,                     -- the message the manager saw (never a secret)
    triggered_by varchar not null default 'system'
);
