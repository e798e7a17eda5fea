-- 032: the overview reads rollups (issue 16) — the figures model's units (a partnership's sums, counts and flags) kept
-- per partnership × bucket in `rollup_week`, refreshed with `rollup_partnership` by the same writers, in the same
-- transaction, under the same fingerprint (rollup_state, 031). A bucket is a week cut at the new year (a week from
-- Monday, its days of one calendar year), so a year is whole buckets and any period is whole buckets plus at most
-- six days at either end, read from the facts. The units re-added per partnership are exactly the units the model
-- computes from the period's facts (sums of sums, maxima of maxima, counts added), so `figures(..., rolled := true)`
-- gives the same rows as the facts path, without pivoting every fact. What changed in the model (now in
-- resonance/store/definitions/): its units come from `figure_units` (the facts) or `figure_units_rolled` (the
-- rollup), and the grain 'portfolio_year' (one row per calendar year), which the overview's year by year reads.

-- The rows of figure_units('partnership_week', …) (a definition), filled campaign by campaign by the rollups' repair;
-- its columns are the units rollup_partnership (031) also keeps, with the same types, and the three it has not.
create table rollup_week as
select
    campaign_id, partner_id, day, cast(null as varchar[]) as channel_list, first_day, last_day, impressions,
    cast(null as bigint) as reach_reports, reach, clicks, engagements, video_views, sends, delivered, unique_opens,
    email_clicks, landing_visits, conversions, spend_eur as spend, ctr_clicks, ctr_impressions, open_base,
    open_base_is_sends, cto_clicks, cto_opens, er_engagements, er_impressions, paid_clicks, paid_impressions,
    paid_visits, paid_conversions, impressions_paid, impressions_earned, impressions_shared, impressions_owned,
    clicks_paid, clicks_earned, clicks_shared, clicks_owned, landing_visits_paid, landing_visits_earned,
    landing_visits_shared, landing_visits_owned, press_naming_partner, press_mentions, press_audience
from rollup_partnership
where false;
