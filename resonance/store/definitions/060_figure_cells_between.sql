-- One row per campaign × partner (null: the campaign's own media) × channel × platform × period of metric_fact
-- (with its paired figures from fact_wide), plus one row per press article: of one campaign and one partner (null:
-- every one), for the days between from_day and to_day (null: no bound). The filters apply before the pivot (a
-- `where` written after the macro is not pushed through its aggregations): the facts, press articles and spend
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
