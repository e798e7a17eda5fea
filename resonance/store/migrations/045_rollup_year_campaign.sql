-- 045: two more grains kept (issue 16), refreshed with `rollup_partnership` and `rollup_week` by the same writers, in
-- the same transaction, under the same fingerprint (rollup_state, 031):
-- * `rollup_year`, the figures model's units per partnership × calendar year: a period is read as its whole years
--   from it, the rest of its whole buckets from `rollup_week`, and at most six days at either end from the facts,
--   so the overview's "everything" adds up a row or two per partnership instead of one per week (the week rollup
--   grew with the store: 400,000 rows at 20 M facts);
-- * `rollup_campaign`, figures('campaign') of every campaign: the campaigns compared, a campaign's totals (review,
--   deck, report) read one row per campaign instead of adding up its partnerships × weeks (a campaign's reach is
--   not the sum of its partnerships': the model keeps one report as reported, never a sum).
-- `figure_units_rolled` (a definition) reads the whole years from `rollup_year`. Both tables start empty and are
-- filled campaign by campaign by the rollups' repair: every campaign's rollup state is forgotten here, so the first
-- read after this migration refills all four rollups (a migration that adds a rollup must do the same).

-- The units of figure_units('portfolio_year', …) (a definition): the columns of rollup_week (032)
create table rollup_year as select * from rollup_week where false;

-- The rows of figures('campaign', …, rolled := true): the columns of rollup_partnership (031) but its main channel
create table rollup_campaign as select * exclude (main_channel) from rollup_partnership where false;

delete from rollup_state;
