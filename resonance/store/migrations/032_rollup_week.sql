-- 032: the overview reads rollups (issue 16) — the figures model's units (a partnership's sums, counts and flags) kept
-- per partnership × bucket in `rollup_week`, refreshed with `rollup_partnership` by the same writers, in the same
-- transaction, under the same fingerprint (rollup_state, 031). A bucket is a week cut at the new year (a week from
-- Monday, its days of one calendar year), so a year is whole buckets and any period is whole buckets plus at most
-- six days at either end, read from the facts. The units re-added per partnership are exactly the units the model
-- computes from the period's facts (sums of sums, maxima of maxima, counts added), so `figures(..., rolled := true)`
-- gives the same rows as the facts path, without pivoting every fact. What changed in the model (now in
-- resonance/store/definitions/): its units come from `figure_units` (the facts) or `figure_units_rolled` (the
-- rollup), and the grain 'portfolio_year' (one row per calendar year), which the overview's year by year reads.

-- The rows of figure_units('partnership_week', …) (a definition), filled campaign by campaign by the rollups' repair.
create table rollup_week (
    campaign_id integer, partner_id integer, day date, channel_list varchar[], first_day date, last_day date,
    impressions double, reach_reports bigint, reach double, clicks double, engagements double, video_views double,
    sends double, delivered double, unique_opens double, email_clicks double, landing_visits double,
    conversions double, spend double, ctr_clicks double, ctr_impressions double, open_base double,
    open_base_is_sends integer, cto_clicks double, cto_opens double, er_engagements double, er_impressions double,
    paid_clicks double, paid_impressions double, paid_visits double, paid_conversions double,
    impressions_paid double, impressions_earned double, impressions_shared double, impressions_owned double,
    clicks_paid double, clicks_earned double, clicks_shared double, clicks_owned double,
    landing_visits_paid double, landing_visits_earned double, landing_visits_shared double,
    landing_visits_owned double, press_naming_partner hugeint, press_mentions hugeint, press_audience double
);
