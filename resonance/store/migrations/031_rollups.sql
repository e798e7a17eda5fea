-- 031: rollups (issue 16) — the partnership grain of the figures model kept in tables, so that the portfolio-wide
-- pages (comparison, percentiles, map of actors, the review's benchmark) stop pivoting every fact on every read.
-- The writers refresh the campaigns they touch in their own transaction (resonance/services/rollups.py, called by
-- the load, the undo and the PESO choice); each campaign's rollup also records a fingerprint of what it was computed
-- from, so a write that did not refresh it (a writer added later) is found and recomputed before a page reads it.

-- The rows of rollup_rows(null) (a definition): a store migrated from before 031 gets them from
-- resonance/services/rollups.py, which refills a campaign whose rollup_state is missing or stale before a page reads.
create table rollup_partnership (
    campaign_id integer, partner_id integer, day date, campaigns bigint, partners bigint, channels varchar,
    first_day date, last_day date, impressions double, reach double, clicks double, engagements double,
    video_views double, sends double, delivered double, unique_opens double, email_clicks double,
    landing_visits double, conversions double, spend_eur double, ctr_clicks double, ctr_impressions double,
    open_base double, open_base_is_sends integer, cto_clicks double, cto_opens double, er_engagements double,
    er_impressions double, paid_clicks double, paid_impressions double, paid_visits double, paid_conversions double,
    cpc_spend double, cpm_spend double, cpv_spend double, cpa_spend double,
    impressions_paid double, impressions_earned double, impressions_shared double, impressions_owned double,
    clicks_paid double, clicks_earned double, clicks_shared double, clicks_owned double,
    landing_visits_paid double, landing_visits_earned double, landing_visits_shared double,
    landing_visits_owned double, press_naming_partner hugeint, press_mentions hugeint, press_audience double,
    ctr double, open_rate double, open_rate_base varchar, click_to_open double, engagement_rate double,
    click_through_to_site double, visits_per_1000_impressions double, press_per_million_impressions double,
    cpc_eur double, cpm_eur double, cost_per_visit_eur double, cost_per_conversion_eur double,
    partners_share_impressions double, multiplier_impressions double, partners_share_clicks double,
    multiplier_clicks double, partners_share_visits double, multiplier_visits double, paid_clicks_share double,
    paid_impressions_share double, paid_visits_share double, paid_conversions_share double, free_clicks double,
    free_impressions double, free_visits double, main_channel varchar
);

create table rollup_state (campaign_id integer primary key, fingerprint hugeint, rows hugeint);
