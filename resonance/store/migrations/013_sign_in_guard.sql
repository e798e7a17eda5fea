-- 013: sign-in limits per client address (checked before the name's), every try counted, and sessions' idle time.
-- `failures` are checked wrong passwords (they set the wait); `attempts` count every try, refused ones included.

create table sign_in_address (
    address varchar primary key,             -- the client's address as the server saw it, '?' when unknown
    failures integer not null,
    attempts integer not null,
    last_failed_at timestamp not null
);

alter table sign_in_throttle add column attempts integer default 0;

alter table account_session add column last_seen_at timestamp;   -- null until the first page after sign-in

-- Addresses a name signed in from before: the name's own lock does not apply there (its address lock still does),
-- so guessing an admin's name from elsewhere never locks the admin out.
create table sign_in_known (
    name_key varchar not null,
    address varchar not null,
    last_ok_at timestamp not null,
    primary key (name_key, address)
);

-- Connector secrets an admin declared on the admin page (beside the sources file's [secrets.NAME]):
-- where the value is read (never the value itself) and the only hosts it may be sent to.
create table connector_secret (
    name varchar primary key,
    env varchar,                             -- environment variable holding the value
    secrets_key varchar,                     -- or key of .streamlit/secrets.toml
    hosts varchar not null,                  -- JSON list of host names
    created_by varchar not null,
    created_at timestamp not null default current_timestamp
);
