-- 045: the campaign grain kept too (issue 16) — figures('campaign') of every campaign in `rollup_campaign`, refreshed
-- with `rollup_partnership` and `rollup_week` by the same writers, in the same transaction, under the same fingerprint
-- (rollup_state, 031). The campaigns compared read it (one row per campaign) instead of adding up every partnership
-- × week of the store on each data version; a campaign's reach is not the sum of its partnerships' (the model keeps
-- one report as reported, never a sum), so this grain cannot be added up from rollup_partnership.

create table rollup_campaign as select * from figures('campaign', null, null, null, rolled := true);
