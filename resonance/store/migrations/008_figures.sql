-- 007: the figures model — every figure and ratio computed once, here, at every grain (docs/metrics.md,
-- resonance/domain/figures.py). Queries select from `figures(...)` or its views; none computes a ratio of its own.
--
-- Cost ratios divide what was paid by what was paid for: a cell (partner × day) is paid when its partnership
-- reported a spend for a period that covers that day; a cost ratio's spend only counts the paid partnerships
-- that reported the volume it divides by (a radio's spend does not make clicks dearer), and its volume only the
-- paid cells. The share of the volume a cost ratio covers, and the free relays' volume, are computed beside it.
-- The model itself (figure_cells, figures, its views) lives in resonance/store/definitions/, once, in its current shape.

-- The PESO kind a manager chose for every figure of a partnership (issue 15): remembered, and applied by
-- figure_cell to the figures loaded before and after the choice; without a choice, the kind recorded at import.
create table if not exists partnership_peso (
    campaign_id integer not null,
    partner_key integer not null,      -- partner_id, or 0 for the campaign's own media
    partner_id integer,
    peso varchar not null check (peso in ('paid', 'earned', 'shared', 'owned')),
    chosen_by varchar not null default 'system',
    chosen_at timestamp not null default current_timestamp,
    primary key (campaign_id, partner_key)
);
