-- 002: what the import remembers (column mappings per partner, campaign aliases) and rates kept as reported.

-- The role chosen for each column header of a partner's files, so that next month's file maps itself.
-- partner_id 0 stands for files without a partner (a campaign's own ad accounts, newsletters).
create table column_mapping (
    partner_id integer not null,
    header_key varchar not null,       -- the header without case, accents or punctuation
    header varchar not null,           -- as last seen
    role varchar not null,
    updated_at timestamp not null default current_timestamp,
    primary key (partner_id, header_key)
);

-- Names a file uses for a campaign ("JobsEte25_Etudiants") and the campaign they mean.
create table campaign_alias (
    alias_key varchar primary key,     -- partnership.name_key of the alias
    alias varchar not null,
    campaign_id integer not null,
    created_at timestamp not null default current_timestamp
);

-- A rate a file gave without its base (open rate with no number of sends): kept as reported,
-- shown as such, never turned into counts nor mixed into weighted figures (METRICS.md).
create table reported_rate (
    ingestion_id integer not null,
    campaign_id integer not null,
    partner_id integer,
    platform varchar not null default '',
    period_start date not null,
    period_end date not null,
    rate varchar not null,             -- ctr, open_rate, email_click_rate, click_to_open, engagement_rate
    value double not null,             -- a fraction: 0.234 for 23,4 %
    rows_behind integer not null default 1
);
