-- 004: what comparing partnerships and following relationships need.
-- `relationship_setting` holds the follow-up settings (months without a meeting before a partner is flagged);
-- `partnership_figures` is every campaign × partner with its sums and its ratios computed from sums
-- (METRICS.md), shared by the comparison, the benchmark, the map of actors and the partner file.

create table if not exists relationship_setting (
    key varchar primary key,
    value varchar not null
);
insert into relationship_setting values ('months_without_meeting', '6') on conflict do nothing;

create or replace view partnership_figures as
with sums as (
    select
        campaign_id,
        partner_id,
        sum(impressions) as impressions, sum(clicks) as clicks, sum(engagements) as engagements,
        sum(sends) as sends, sum(delivered) as delivered, sum(unique_opens) as unique_opens,
        sum(email_clicks) as email_clicks, sum(landing_visits) as landing_visits,
        sum(conversions) as conversions, sum(spend) as spend_eur,
        sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions,
        sum(open_base) as open_base, max(open_base_is_sends) as open_base_is_sends,
        sum(cto_clicks) as cto_clicks, sum(cto_opens) as cto_opens,
        arg_max(channel, coalesce(impressions, sends, clicks, 0)) filter (where channel <> 'web') as main_channel,
        min(period_start) as first_day
    from fact_wide
    where partner_id is not null
    group by campaign_id, partner_id
),

press as (
    select campaign_id, partner_id, count(*) as press_mentions
    from press_mention
    where partner_id is not null
    group by campaign_id, partner_id
)

select
    ps.id as partnership_id,
    ps.campaign_id,
    c.name as campaign,
    c.series,
    c.theme,
    c.target_public,
    coalesce(ps.start_date, c.start_date, s.first_day) as start_date,
    coalesce(ps.end_date, c.end_date) as end_date,
    ps.partner_id,
    p.name as partner,
    p.kind as partner_kind,
    p.sector,
    p.audiences,
    coalesce(ps.channel, s.main_channel) as channel,
    ps.role,
    ps.step,
    ps.activations,
    ps.counterparts,
    s.impressions, s.clicks, s.engagements, s.sends, s.delivered, s.unique_opens, s.email_clicks,
    s.landing_visits, s.conversions, s.spend_eur,
    coalesce(pr.press_mentions, 0) as press_mentions,
    s.ctr_clicks, s.ctr_impressions, s.open_base, s.open_base_is_sends, s.cto_clicks, s.cto_opens,
    ratio(s.ctr_clicks, s.ctr_impressions) as ctr,
    ratio(s.unique_opens, s.open_base) as open_rate,
    ratio(s.cto_clicks, s.cto_opens) as click_to_open,
    ratio(s.spend_eur, s.clicks) as cpc_eur,
    ratio(s.spend_eur, s.landing_visits) as cost_per_visit_eur,
    ratio(1000 * s.landing_visits, s.impressions) as visits_per_1000_impressions,
    ratio(1000000 * coalesce(pr.press_mentions, 0), s.impressions) as press_per_million_impressions
from partnership as ps
join campaign as c on c.id = ps.campaign_id
join partner as p on p.id = ps.partner_id
left join sums as s on s.campaign_id = ps.campaign_id and s.partner_id = ps.partner_id
left join press as pr on pr.campaign_id = ps.campaign_id and pr.partner_id = ps.partner_id;
