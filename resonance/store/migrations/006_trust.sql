-- 006: trust — accounts with hashed passwords and roles, sign-in sessions, the sign-in throttle, the audit trail.
-- Sessions are stored by the SHA-256 of their token, never the token itself, so a copy of
-- the store (a backup) does not let anyone sign in.

create sequence account_id_seq start 1;
create table account (
    id integer primary key default nextval('account_id_seq'),
    name varchar not null,
    name_key varchar not null unique,        -- lower case, accents and spaces folded: "Élise Martin" = "elise martin"
    email varchar,                           -- used to match a single sign-on identity (ProConnect…)
    role varchar not null check (role in ('lecteur', 'editeur', 'admin')),
    password_hash varchar,                   -- scrypt$n$r$p$salt$hash; null for an account that signs in by SSO only
    disabled boolean not null default false,
    created_by varchar not null default 'system',
    created_at timestamp not null default current_timestamp,
    password_changed_at timestamp,
    last_sign_in_at timestamp
);

create table account_session (
    token_sha256 varchar primary key,
    account_id integer not null,
    created_at timestamp not null,
    expires_at timestamp not null,
    revoked boolean not null default false,
    method varchar not null default 'password' check (method in ('password', 'sso'))
);

-- Failed sign-ins per name (known or not): the next attempt waits longer after each failure.
create table sign_in_throttle (
    name_key varchar primary key,
    failures integer not null,
    last_failed_at timestamp not null
);

create sequence audit_event_id_seq start 1;
create table audit_event (
    id integer primary key default nextval('audit_event_id_seq'),
    happened_at timestamp not null default current_timestamp,
    actor varchar not null,
    action varchar not null,                 -- ingestion.load, ingestion.undo, campaign.edit, account.add, sign_in.failed…
    target varchar,                          -- what it acted on: "ingestion 12", "campaign Match avec ton futur"
    details varchar                          -- JSON
);
