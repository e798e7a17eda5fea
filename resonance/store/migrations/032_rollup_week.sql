-- 032: the overview reads rollups (issue 16) — the figures model's units (a partnership's sums, counts and flags) kept
-- per partnership × bucket in `rollup_week`, refreshed with `rollup_partnership` by the same writers, in the same
-- transaction, under the same fingerprint (rollup_state, 031). A bucket is a week cut at the new year (a week from
-- Monday, its days of one calendar year), so a year is whole buckets and any period is whole buckets plus at most
-- six days at either end, read from the facts. The units re-added per partnership are exactly the units the model
-- computes from the period's facts (sums of sums, maxima of maxima, counts added), so `figures(..., rolled := true)`
-- gives the same rows as the facts path, without pivoting every fact. The model is copied whole (a macro is replaced
-- whole): what changes is that its units come from `figure_units` (the facts) or `figure_units_rolled` (the
-- rollup), and the grain 'portfolio_year' (one row per calendar year), which the overview's year by year reads.

-- The first day of the bucket a day falls in: its week's Monday, or the 1st of January when the year began since.
create or replace macro rollup_bucket(day) as
    cast(greatest(date_trunc('week', cast(day as date)), date_trunc('year', cast(day as date))) as date);

-- The first bucket wholly on or after `day` (null: no bound)
create or replace macro rollup_full_from(day) as
    case when rollup_bucket(day) = cast(day as date) then cast(day as date)
        else least(cast(date_trunc('week', cast(day as date)) as date) + 7, make_date(year(cast(day as date)) + 1, 1, 1))
    end;

-- The bucket the day after `day` falls in: the buckets before it end on or before `day` (null: no bound)
create or replace macro rollup_full_to(day) as rollup_bucket(cast(day as date) + 1);

-- figure_cells (030) for the days between from_day and to_day (null: no bound): the facts, press articles and spend
-- periods outside them are left unread (the overview's edge days read a few days of facts, not the whole store).
create or replace macro figure_cells_between(of_campaign, of_partner, from_day, to_day) as table
with scoped_facts as (
    select * from fact_wide
    where (of_campaign is null or campaign_id = of_campaign) and (of_partner is null or partner_id = of_partner)
        and (from_day is null or period_start >= from_day) and (to_day is null or period_start <= to_day)
),

spend_periods as (
    select distinct campaign_id, partner_id, period_start, period_end
    from metric_fact
    where metric = 'spend' and (of_campaign is null or campaign_id = of_campaign)
        and (of_partner is null or partner_id = of_partner)
        -- a spend pays for the cells of its period: only those overlapping the days asked for can pay for one
        and (from_day is null or period_end >= from_day) and (to_day is null or period_start <= to_day)
),

paid_cells as (
    select distinct w.campaign_id, w.partner_id, w.period_start
    from scoped_facts as w
    join spend_periods as s
        on s.campaign_id = w.campaign_id and s.partner_id is not distinct from w.partner_id
        and w.period_start between s.period_start and s.period_end
),

facts as (
    select
        w.* replace (coalesce(o.peso, w.peso) as peso),
        p.campaign_id is not null as is_paid
    from scoped_facts as w
    left join paid_cells as p
        on p.campaign_id = w.campaign_id and p.partner_id is not distinct from w.partner_id
        and p.period_start = w.period_start
    left join partnership_peso as o on o.campaign_id = w.campaign_id and o.partner_key = coalesce(w.partner_id, 0)
)

select
    campaign_id, partner_id, channel, peso, platform, period_start, period_end, is_paid,
    impressions, reach, clicks, engagements, video_views, sends, delivered, unique_opens, email_clicks,
    landing_visits, conversions, spend,
    ctr_clicks, ctr_impressions, open_base, open_base_is_sends, cto_clicks, cto_opens,
    case when impressions is not null then engagements end as er_engagements,
    case when engagements is not null then impressions end as er_impressions,
    case when is_paid then clicks end as paid_clicks,
    case when is_paid then impressions end as paid_impressions,
    case when is_paid then landing_visits end as paid_visits,
    case when is_paid then conversions end as paid_conversions,
    cast(null as bigint) as press_mentions,
    cast(null as double) as press_audience
from facts
union all by name
select
    campaign_id, partner_id, 'press' as channel, 'earned' as peso, outlet as platform,
    published_on as period_start, published_on as period_end, false as is_paid,
    cast(1 as bigint) as press_mentions, cast(audience as double) as press_audience
from press_mention
where (of_campaign is null or campaign_id = of_campaign) and (of_partner is null or partner_id = of_partner)
    and (from_day is null or published_on >= from_day) and (to_day is null or published_on <= to_day);

-- figure_cells (030) is the same, every day
create or replace macro figure_cells(of_campaign, of_partner) as table
select * from figure_cells_between(of_campaign, of_partner, null, null);

-- The figures model's units from the facts: one row per campaign × partner (× day, bucket or year by the grain) of
-- the cells whose day falls between from_day and to_day, of campaigns of theme `of_theme` (null: no filter).
create or replace macro figure_units(at_grain, from_day, to_day, of_theme, of_campaign, of_partner) as table
with campaigns as (
    select id from campaign
    where (of_theme is null or theme = of_theme) and (of_campaign is null or id = of_campaign)
),

cells as (
    select c.*
    from figure_cells_between(of_campaign, of_partner, from_day, to_day) as c
    join campaigns as k on k.id = c.campaign_id
    where (from_day is null or c.period_start >= from_day) and (to_day is null or c.period_start <= to_day)
)

-- A partnership (by day at the day grain, by bucket at the week grain, by year at the year grain): where a spend
-- is paired with the volume it paid for.
select
    campaign_id, partner_id,
    case at_grain
        when 'partnership_day' then period_start
        when 'partnership_week' then rollup_bucket(period_start)
        when 'portfolio_year' then make_date(year(period_start), 1, 1)
    end as day,
    list(distinct channel) filter (where channel <> 'press') as channel_list,
    min(period_start) filter (where press_mentions is null) as first_day,
    max(period_end) filter (where press_mentions is null) as last_day,
    sum(impressions) as impressions, count(reach) as reach_reports, max(reach) as reach, sum(clicks) as clicks,
    sum(engagements) as engagements, sum(video_views) as video_views, sum(sends) as sends,
    sum(delivered) as delivered, sum(unique_opens) as unique_opens, sum(email_clicks) as email_clicks,
    sum(landing_visits) as landing_visits, sum(conversions) as conversions, sum(spend) as spend,
    sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions,
    sum(open_base) as open_base, max(open_base_is_sends) as open_base_is_sends,
    sum(cto_clicks) as cto_clicks, sum(cto_opens) as cto_opens,
    sum(er_engagements) as er_engagements, sum(er_impressions) as er_impressions,
    sum(paid_clicks) as paid_clicks, sum(paid_impressions) as paid_impressions,
    sum(paid_visits) as paid_visits, sum(paid_conversions) as paid_conversions,
    sum(impressions) filter (where peso = 'paid') as impressions_paid,
    sum(impressions) filter (where peso = 'earned') as impressions_earned,
    sum(impressions) filter (where peso = 'shared') as impressions_shared,
    sum(impressions) filter (where peso = 'owned') as impressions_owned,
    sum(clicks) filter (where peso = 'paid') as clicks_paid,
    sum(clicks) filter (where peso = 'earned') as clicks_earned,
    sum(clicks) filter (where peso = 'shared') as clicks_shared,
    sum(clicks) filter (where peso = 'owned') as clicks_owned,
    sum(landing_visits) filter (where peso = 'paid') as landing_visits_paid,
    sum(landing_visits) filter (where peso = 'earned') as landing_visits_earned,
    sum(landing_visits) filter (where peso = 'shared') as landing_visits_shared,
    sum(landing_visits) filter (where peso = 'owned') as landing_visits_owned,
    sum(press_mentions) filter (where partner_id is not null) as press_naming_partner,
    sum(press_mentions) as press_mentions, sum(press_audience) as press_audience
from cells
group by all;

-- The per partnership × bucket rollup, filled for the store as it is (the writers keep it from now on)
create table rollup_week as select * from figure_units('partnership_week', null, null, null, null, null);

-- The same units from the rollup: the buckets wholly inside the period, plus the units of the days at either end
-- from the facts (before the first whole bucket, after the last), added per campaign × partner (× year).
create or replace macro figure_units_rolled(at_grain, from_day, to_day, of_theme, of_campaign, of_partner) as table
with campaigns as (
    select id from campaign
    where (of_theme is null or theme = of_theme) and (of_campaign is null or id = of_campaign)
),

parts as (
    select r.*
    from rollup_week as r
    join campaigns as k on k.id = r.campaign_id
    where (from_day is null or r.day >= rollup_full_from(from_day)) and (to_day is null or r.day < rollup_full_to(to_day))
        and (of_partner is null or r.partner_id = of_partner)
    union all by name
    -- no edge when the period has no start or no end (a null written in the query: not even planned)
    select * from figure_units('partnership_week', from_day, least(rollup_full_from(from_day) - 1, to_day), of_theme,
                               of_campaign, of_partner)
    where from_day is not null
    union all by name
    select * from figure_units('partnership_week', greatest(rollup_full_to(to_day), rollup_full_from(from_day)), to_day,
                               of_theme, of_campaign, of_partner)
    where to_day is not null
)

select
    campaign_id, partner_id,
    case when at_grain = 'portfolio_year' then make_date(year(day), 1, 1) end as day,
    list_distinct(flatten(list(distinct channel_list))) as channel_list, min(first_day) as first_day,
    max(last_day) as last_day, sum(impressions) as impressions, cast(sum(reach_reports) as bigint) as reach_reports,
    max(reach) as reach, sum(clicks) as clicks, sum(engagements) as engagements, sum(video_views) as video_views,
    sum(sends) as sends, sum(delivered) as delivered, sum(unique_opens) as unique_opens,
    sum(email_clicks) as email_clicks, sum(landing_visits) as landing_visits, sum(conversions) as conversions,
    sum(spend) as spend, sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions,
    sum(open_base) as open_base, max(open_base_is_sends) as open_base_is_sends, sum(cto_clicks) as cto_clicks,
    sum(cto_opens) as cto_opens, sum(er_engagements) as er_engagements, sum(er_impressions) as er_impressions,
    sum(paid_clicks) as paid_clicks, sum(paid_impressions) as paid_impressions, sum(paid_visits) as paid_visits,
    sum(paid_conversions) as paid_conversions, sum(impressions_paid) as impressions_paid,
    sum(impressions_earned) as impressions_earned, sum(impressions_shared) as impressions_shared,
    sum(impressions_owned) as impressions_owned, sum(clicks_paid) as clicks_paid, sum(clicks_earned) as clicks_earned,
    sum(clicks_shared) as clicks_shared, sum(clicks_owned) as clicks_owned,
    sum(landing_visits_paid) as landing_visits_paid, sum(landing_visits_earned) as landing_visits_earned,
    sum(landing_visits_shared) as landing_visits_shared, sum(landing_visits_owned) as landing_visits_owned,
    sum(press_naming_partner) as press_naming_partner, sum(press_mentions) as press_mentions,
    sum(press_audience) as press_audience
from parts
group by all;

-- The figures of one grain: 'partnership_day' (campaign × partner × day), 'partnership' (campaign × partner),
-- 'campaign', 'partner' (across campaigns), 'portfolio' (one row) or 'portfolio_year' (one row per calendar year);
-- cells whose day falls between from_day and to_day (null: no bound), of campaigns of theme `of_theme` (null: every
-- theme). `rolled := true` (not at the day grain) reads the units from the rollup: fresh after rollups.ensure().
create or replace macro figures(at_grain, from_day, to_day, of_theme, of_campaign := null, of_partner := null,
                                rolled := false) as table
with units as (
    select * from figure_units(at_grain, from_day, to_day, of_theme, of_campaign, of_partner)
    where not rolled
    union all by name
    select * from figure_units_rolled(at_grain, from_day, to_day, of_theme, of_campaign, of_partner)
    where rolled
),

paired as (
    select
        *,
        case when paid_clicks is not null then spend end as cpc_spend,
        case when paid_impressions is not null then spend end as cpm_spend,
        case when paid_visits is not null then spend end as cpv_spend,
        case when paid_conversions is not null then spend end as cpa_spend
    from units
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
        sum(impressions) as impressions,
        -- a reach is de-duplicated by whoever measured it: kept as reported when one report covers the unit,
        -- never a sum of reports (the reports themselves are listed by campaign_reach_reported)
        case when sum(reach_reports) = 1 then max(reach) end as reach,
        sum(clicks) as clicks,
        sum(engagements) as engagements, sum(video_views) as video_views, sum(sends) as sends,
        sum(delivered) as delivered, sum(unique_opens) as unique_opens, sum(email_clicks) as email_clicks,
        sum(landing_visits) as landing_visits, sum(conversions) as conversions, sum(spend) as spend_eur,
        sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions,
        sum(open_base) as open_base, max(open_base_is_sends) as open_base_is_sends,
        sum(cto_clicks) as cto_clicks, sum(cto_opens) as cto_opens,
        sum(er_engagements) as er_engagements, sum(er_impressions) as er_impressions,
        sum(paid_clicks) as paid_clicks, sum(paid_impressions) as paid_impressions,
        sum(paid_visits) as paid_visits, sum(paid_conversions) as paid_conversions,
        sum(cpc_spend) as cpc_spend, sum(cpm_spend) as cpm_spend, sum(cpv_spend) as cpv_spend,
        sum(cpa_spend) as cpa_spend,
        sum(impressions_paid) as impressions_paid,
        sum(impressions_earned) as impressions_earned,
        sum(impressions_shared) as impressions_shared,
        sum(impressions_owned) as impressions_owned,
        sum(clicks_paid) as clicks_paid,
        sum(clicks_earned) as clicks_earned,
        sum(clicks_shared) as clicks_shared,
        sum(clicks_owned) as clicks_owned,
        sum(landing_visits_paid) as landing_visits_paid,
        sum(landing_visits_earned) as landing_visits_earned,
        sum(landing_visits_shared) as landing_visits_shared,
        sum(landing_visits_owned) as landing_visits_owned,
        coalesce(sum(press_naming_partner), 0) as press_naming_partner,
        coalesce(sum(press_mentions), 0) as press_mentions, sum(press_audience) as press_audience
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
