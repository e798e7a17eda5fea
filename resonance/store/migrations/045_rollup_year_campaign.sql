-- 045: two more grains kept (issue 16), refreshed with `rollup_partnership` and `rollup_week` by the same writers, in
-- the same transaction, under the same fingerprint (rollup_state, 031):
-- * `rollup_year`, the figures model's units per partnership × calendar year: a period is read as its whole years
--   from it, the rest of its whole buckets from `rollup_week`, and at most six days at either end from the facts,
--   so the overview's "everything" adds up a row or two per partnership instead of one per week (the week rollup
--   grew with the store: 400,000 rows at 20 M facts);
-- * `rollup_campaign`, figures('campaign') of every campaign: the campaigns compared, a campaign's totals (review,
--   deck, report) read one row per campaign instead of adding up its partnerships × weeks (a campaign's reach is
--   not the sum of its partnerships': the model keeps one report as reported, never a sum).
-- `figure_units_rolled` (032) is replaced whole: the same units, the whole years read from `rollup_year`.

-- The first 1st of January on or after `day`; and the 1st of January of the year of the day after `day` (the years
-- before it end on or before `day`)
create or replace macro rollup_year_full_from(day) as
    case when cast(day as date) = make_date(year(cast(day as date)), 1, 1) then cast(day as date)
        else make_date(year(cast(day as date)) + 1, 1, 1)
    end;

create or replace macro rollup_year_full_to(day) as make_date(year(cast(day as date) + 1), 1, 1);

-- The per partnership × calendar year rollup, filled from the facts for the store as it is
create table rollup_year as select * from figure_units('portfolio_year', null, null, null, null, null);

-- The model's units from the rollups: the whole years, the whole buckets outside them, the edge days from the facts,
-- added per campaign × partner (× year)
create or replace macro figure_units_rolled(at_grain, from_day, to_day, of_theme, of_campaign, of_partner) as table
with campaigns as (
    select id from campaign
    where (of_theme is null or theme = of_theme) and (of_campaign is null or id = of_campaign)
),

parts as (
    -- the calendar years wholly inside the period, from the year rollup (a partnership has one or two)
    select r.*
    from rollup_year as r
    join campaigns as k on k.id = r.campaign_id
    where (from_day is null or r.day >= rollup_year_full_from(from_day))
        and (to_day is null or r.day < rollup_year_full_to(to_day))
        and (of_partner is null or r.partner_id = of_partner)
    union all by name
    -- the whole buckets of the period outside those years (a bucket never straddles a new year, so it lies before
    -- the first whole year or after the last when its first day does)
    select r.*
    from rollup_week as r
    join campaigns as k on k.id = r.campaign_id
    where (from_day is null or r.day >= rollup_full_from(from_day)) and (to_day is null or r.day < rollup_full_to(to_day))
        and (of_partner is null or r.partner_id = of_partner)
        and ((from_day is not null and r.day < rollup_year_full_from(from_day))
             or (to_day is not null and r.day >= rollup_year_full_to(to_day)))
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

create table rollup_campaign as select * from figures('campaign', null, null, null, rolled := true);
