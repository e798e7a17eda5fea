-- The figures model's sums and ratios of one grain ('partnership_day', 'partnership', 'campaign', 'partner',
-- 'portfolio', 'portfolio_year': see figures) from `units`, the name of a relation of the model's units (one row
-- per campaign × partner, × day or year at those grains, as figure_units and figure_units_rolled give them):
-- figures reads them from the facts or the rollups; the rollups' refresh from the year rollup it just filled,
-- without planning the other two sources.
create or replace macro figures_of_units(at_grain, units) as table
with paired as (
    select
        *,
        case when paid_clicks is not null then spend end as cpc_spend,
        case when paid_impressions is not null then spend end as cpm_spend,
        case when paid_visits is not null then spend end as cpv_spend,
        case when paid_conversions is not null then spend end as cpa_spend
    from query_table(units)
),

keyed as (
    select
        *,
        case when at_grain in ('partnership_day', 'partnership', 'campaign') then campaign_id end as key_campaign_id,
        case when at_grain in ('partnership_day', 'partnership', 'partner') then partner_id end as key_partner_id
    from paired
),

sums as (
    select
        key_campaign_id as campaign_id, key_partner_id as partner_id, day,
        count(distinct campaign_id) as campaigns,
        count(distinct partner_id) as partners,
        nullif(array_to_string(list_sort(list_distinct(flatten(list(channel_list)))), ', '), '') as channels,
        min(first_day) as first_day, max(last_day) as last_day,
        -- a reach is de-duplicated by whoever measured it: kept as reported when one report covers the unit,
        -- never a sum of reports (the reports themselves are listed by campaign_reach_reported)
        case when sum(reach_reports) = 1 then max(reach) end as reach,
        sum(spend) as spend_eur, max(open_base_is_sends) as open_base_is_sends,
        coalesce(sum(press_naming_partner), 0) as press_naming_partner,
        coalesce(sum(press_mentions), 0) as press_mentions,
        -- every other unit adds up (volumes, the ratios' numerators and denominators, the PESO splits, the spend
        -- paired with a volume): named once, in figure_units
        sum(columns(* exclude (campaign_id, partner_id, key_campaign_id, key_partner_id, day, channel_list, first_day,
                               last_day, reach_reports, reach, spend, open_base_is_sends, press_naming_partner,
                               press_mentions)))
    from keyed
    group by key_campaign_id, key_partner_id, day
)

-- The ratios, each written once (domain/figures.py holds the same definitions for the labels and the tests).
select
    *,
    ratio(ctr_clicks, ctr_impressions) as ctr,
    ratio(unique_opens, open_base) as open_rate,
    case when open_base_is_sends = 1 then 'sends' when open_base is not null then 'delivered' end as open_rate_base,
    ratio(cto_clicks, cto_opens) as click_to_open,
    ratio(er_engagements, er_impressions) as engagement_rate,
    ratio(landing_visits, clicks) as click_through_to_site,
    ratio(1000 * landing_visits, impressions) as visits_per_1000_impressions,
    ratio(1000000 * press_mentions, impressions) as press_per_million_impressions,
    ratio(cpc_spend, paid_clicks) as cpc_eur,
    ratio(1000 * cpm_spend, paid_impressions) as cpm_eur,
    ratio(cpv_spend, paid_visits) as cost_per_visit_eur,
    ratio(cpa_spend, paid_conversions) as cost_per_conversion_eur,
    -- the resonance (PESO): the share carried by channels the government neither owns nor buys (shared, earned),
    -- and everything ÷ what it owns and buys (null when it owns and buys nothing: no multiplier to speak of)
    ratio(coalesce(impressions_shared, 0) + coalesce(impressions_earned, 0), impressions) as partners_share_impressions,
    ratio(impressions, coalesce(impressions_owned, 0) + coalesce(impressions_paid, 0)) as multiplier_impressions,
    ratio(coalesce(clicks_shared, 0) + coalesce(clicks_earned, 0), clicks) as partners_share_clicks,
    ratio(clicks, coalesce(clicks_owned, 0) + coalesce(clicks_paid, 0)) as multiplier_clicks,
    ratio(coalesce(landing_visits_shared, 0) + coalesce(landing_visits_earned, 0), landing_visits) as partners_share_visits,
    ratio(landing_visits, coalesce(landing_visits_owned, 0) + coalesce(landing_visits_paid, 0)) as multiplier_visits,
    ratio(paid_clicks, clicks) as paid_clicks_share,
    ratio(paid_impressions, impressions) as paid_impressions_share,
    ratio(paid_visits, landing_visits) as paid_visits_share,
    ratio(paid_conversions, conversions) as paid_conversions_share,
    clicks - coalesce(paid_clicks, 0) as free_clicks,
    impressions - coalesce(paid_impressions, 0) as free_impressions,
    landing_visits - coalesce(paid_visits, 0) as free_visits
from sums;
