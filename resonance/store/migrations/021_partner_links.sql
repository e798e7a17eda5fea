-- 020: partners send their own reports — what is due per partnership, personal upload links, drops waiting for
-- the manager, and the link throttle. A link is stored by the SHA-256 of its token, never the token itself,
-- so a copy of the store (a backup) opens no link. Dropped files wait here, as bytes, until the manager
-- validates them (then they load as any import) or refuses them with a reason the partner reads.

create sequence expected_report_id_seq start 1;
create table expected_report (
    id integer primary key default nextval('expected_report_id_seq'),
    partnership_id integer not null,
    what varchar not null,                   -- what the partner agreed to report (figures, pictures), in the manager's words
    is_final boolean not null default false, -- the final report, due some days after the campaign's end
    period_start date,
    period_end date,
    due_on date not null,
    delivered_on date,                       -- the day the partner's drop was dropped (set when the manager validates it)
    created_by varchar not null default 'system',
    created_at timestamp not null default current_timestamp
);

create sequence upload_link_id_seq start 1;
create table upload_link (
    id integer primary key default nextval('upload_link_id_seq'),
    partnership_id integer not null,
    token_sha256 varchar not null unique,
    expires_on date not null,                -- valid through that whole day
    max_uses integer,                        -- drops allowed; null: no limit
    uses integer not null default 0,
    revoked_at timestamp,
    revoked_by varchar,
    created_by varchar not null default 'system',
    created_at timestamp not null default current_timestamp
);

create sequence link_drop_id_seq start 1;
create table link_drop (
    id integer primary key default nextval('link_drop_id_seq'),
    link_id integer not null,
    partnership_id integer not null,
    dropped_at timestamp not null,
    client_address varchar,
    status varchar not null default 'pending' check (status in ('pending', 'validated', 'refused')),
    summary varchar,                         -- JSON: what was read, for the partner's receipt and the manager's list
    refusal_reason varchar,                  -- written by the manager, read by the partner on the link's page
    decided_by varchar,
    decided_at timestamp,
    ingestion_ids varchar                    -- JSON list of the ingestions the validation made
);

create table link_drop_file (
    drop_id integer not null,
    position integer not null,
    kind varchar not null check (kind in ('report', 'picture')),
    file_name varchar not null,
    caption varchar,
    sha256 varchar not null,
    content blob not null,
    primary key (drop_id, position)
);

-- Requests counted per link and per client address in fixed windows; a window's row is reset when it ends.
create table link_throttle (
    scope varchar not null check (scope in ('link', 'address', 'address_failed')),
    key varchar not null,
    window_start timestamp not null,
    hits integer not null,
    primary key (scope, key)
);
