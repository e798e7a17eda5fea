-- 020: partner-defined metrics (DESIGN.md): a figure the vocabulary has no word for ("affiches posées"),
-- defined per partner with its label, unit, AMEC stage, PESO kind and whether it adds up. Its values are
-- facts like any other (metric_fact.metric = the code below); figures "as reported" (a GRP, a coverage %)
-- go to reported_rate under the same code, never summed.
-- partner_id 0 stands for files without a partner.
create table partner_metric (
    partner_id integer not null,
    metric varchar not null,           -- "partner:affiches_posees", the code stored in metric_fact / reported_rate
    header_key varchar not null,       -- the column it came from, so that next month's file maps itself
    label varchar not null,            -- as the manager wrote it, shown on the review and in the deck
    unit varchar not null default '',
    amec varchar not null default 'output' check (amec in ('output', 'outtake', 'outcome')),
    peso varchar not null default 'shared' check (peso in ('paid', 'earned', 'shared', 'owned')),
    additive boolean not null default true,
    scale double not null default 1,   -- "Contacts (000)": the cells times 1 000
    updated_at timestamp not null default current_timestamp,
    primary key (partner_id, metric)
);
