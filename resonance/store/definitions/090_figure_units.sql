-- The figures model's units from the facts: one row per campaign × partner (× day, bucket or year by the grain) of
-- the cells whose day falls between from_day and to_day, of campaigns of theme `of_theme` (null: no filter).
create or replace macro figure_units(at_grain, from_day, to_day, of_theme, of_campaign, of_partner) as table
with cells as (
    select c.*
    from figure_cells_between(of_campaign, of_partner, from_day, to_day) as c
    join campaigns_of(of_theme, of_campaign) as k on k.id = c.campaign_id
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
