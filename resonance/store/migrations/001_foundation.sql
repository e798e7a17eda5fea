-- 001: the foundation schema (DESIGN.md, data model).
-- Constraints are checked in resonance/ingest.py rather than by DuckDB foreign keys:
-- DuckDB forbids updating or deleting rows referenced by a foreign key, which would
-- make undo and edits impossible.

create sequence partner_id_seq start 1;
create table partner (
    id integer primary key default nextval('partner_id_seq'),
    name varchar not null unique,
    kind varchar not null default 'company'
        check (kind in ('company', 'association', 'public_body', 'media')),
    sector varchar,
    audiences varchar,                 -- publics reached, comma separated (students, home owners…)
    declared_audience bigint,          -- audience the partner declares (people)
    contact varchar,
    notes varchar,
    is_candidate boolean not null default false,
    created_at timestamp not null default current_timestamp
);

create sequence campaign_id_seq start 1;
create table campaign (
    id integer primary key default nextval('campaign_id_seq'),
    name varchar not null unique,
    theme varchar,                     -- theme or ministry
    series varchar,                    -- recurring campaigns share a series (jobs d'été 2024, 2025…)
    objective varchar,
    target_public varchar,
    start_date date,
    end_date date,
    landing_url varchar,
    budget_eur double,
    summary_text varchar,              -- the review's summary as edited by the manager
    lessons varchar,                   -- lessons and next steps, written by the manager
    created_at timestamp not null default current_timestamp
);

create sequence partnership_id_seq start 1;
create table partnership (
    id integer primary key default nextval('partnership_id_seq'),
    campaign_id integer not null,
    partner_id integer not null,
    role varchar not null default 'relay' check (role in ('relay', 'co_signed', 'sponsor', 'media')),
    channel varchar,                   -- main channel of the partnership (social, email, display, app, press, radio, retail, web)
    activations varchar,
    counterparts varchar,
    step integer not null default 1 check (step between 1 and 6),
    supervisor_informed boolean not null default false,   -- supervising authority (public actors)
    sig_informed boolean not null default false,          -- government information service (others)
    legal_frame_signed boolean not null default false,
    message_validated boolean not null default false,
    start_date date,
    end_date date,
    unique (campaign_id, partner_id)
);

create sequence ingestion_id_seq start 1;
create table ingestion (
    id integer primary key default nextval('ingestion_id_seq'),
    source varchar not null,           -- 'file', 'demo', or a connector name
    file_name varchar,
    sha256 varchar,
    campaign_id integer,
    partner_id integer,
    rows_loaded integer not null default 0,
    rows_rejected integer not null default 0,
    rows_replaced integer not null default 0,
    mapping varchar,                   -- JSON: the column mapping used
    notes varchar,                     -- JSON: conversions, warnings accepted, flags
    created_by varchar not null default 'system',
    created_at timestamp not null default current_timestamp,
    status varchar not null default 'loaded' check (status in ('loaded', 'undone'))
);

-- Long format, additive counts only (METRICS.md). One row per
-- campaign × partner × channel × platform × period × metric; the ingest layer
-- replaces an existing key instead of duplicating it (partner_id may be null
-- for a campaign's own paid media, and DuckDB treats nulls as distinct in a
-- unique index, so the guarantee lives in resonance/ingest.py and is tested).
create table metric_fact (
    campaign_id integer not null,
    partner_id integer,
    channel varchar not null,          -- social, email, display, search, app, press, radio, retail, web, push
    peso varchar not null check (peso in ('paid', 'earned', 'shared', 'owned')),
    platform varchar not null default '',
    period_start date not null,
    period_end date not null,
    metric varchar not null,
    value double not null,
    ingestion_id integer not null
);

create sequence press_mention_id_seq start 1;
create table press_mention (
    id integer primary key default nextval('press_mention_id_seq'),
    campaign_id integer not null,
    partner_id integer,
    published_on date not null,
    outlet varchar not null,
    title varchar not null,
    url varchar,
    audience bigint,
    sentiment varchar check (sentiment in ('positive', 'neutral', 'negative')),
    ingestion_id integer not null
);

create sequence asset_id_seq start 1;
create table asset (
    id integer primary key default nextval('asset_id_seq'),
    kind varchar not null default 'photo'
        check (kind in ('photo', 'clipping', 'screenshot', 'logo', 'quote')),
    sha256 varchar,                    -- content hash: the file is data/assets/<sha256>.<ext>
    mime varchar,
    width integer,
    height integer,
    caption varchar,
    quote_text varchar,
    taken_on date,
    campaign_id integer,
    partner_id integer,
    illustrates_metric varchar,        -- the figure it illustrates, where known
    ingestion_id integer,
    created_by varchar not null default 'system',
    created_at timestamp not null default current_timestamp
);

create sequence meeting_id_seq start 1;
create table meeting (
    id integer primary key default nextval('meeting_id_seq'),
    partner_id integer not null,
    met_on date not null,
    kind varchar not null default 'meeting',
    notes varchar,
    next_step varchar,
    next_date date,
    created_by varchar not null default 'system',
    created_at timestamp not null default current_timestamp
);

create table target (
    campaign_id integer not null,
    metric varchar not null,
    value double not null,
    primary key (campaign_id, metric)
);

create sequence annotation_id_seq start 1;
create table annotation (
    id integer primary key default nextval('annotation_id_seq'),
    campaign_id integer not null,
    on_date date not null,
    label varchar not null
);

-- Figures an ingestion replaced, kept so that undoing it puts them back: nothing a
-- manager loaded is lost silently.
create table fact_replaced (
    replaced_by integer not null,      -- the ingestion whose rows took their place
    campaign_id integer not null,
    partner_id integer,
    channel varchar not null,
    peso varchar not null,
    platform varchar not null,
    period_start date not null,
    period_end date not null,
    metric varchar not null,
    value double not null,
    ingestion_id integer not null      -- the ingestion that had brought them
);
