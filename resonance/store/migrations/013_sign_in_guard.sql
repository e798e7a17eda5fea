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
