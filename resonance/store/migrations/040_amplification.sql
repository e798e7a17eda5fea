-- 040: the portfolio's amplification (issue 15) — per activation and per euro of counterpart, from the partnership
-- sheet's fields and the figures model (docs/metrics.md, resonance/domain/figures.py); and the PESO kind remembered
-- per source and per partner, proposed again at the next import or sync.
-- The amplification's macros and view live in resonance/store/definitions/.

-- The PESO kind last chosen for a source (a declared connector, by name) or a partner (by id), proposed again at
-- the next import or sync of that source or partner.
create table if not exists peso_remembered (
    scope varchar not null check (scope in ('source', 'partner')),
    key varchar not null,
    peso varchar not null check (peso in ('paid', 'earned', 'shared', 'owned')),
    chosen_by varchar not null default 'system',
    chosen_at timestamp not null default current_timestamp,
    primary key (scope, key)
);
