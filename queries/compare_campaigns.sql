-- one row per campaign, all partners and own media added up, ratios computed from sums
with facts as (
    select * from fact_wide
),

press as (
    select campaign_id, count(*) as press_mentions
    from press_mention
    group by campaign_id
),

partners as (
    select campaign_id, count(*) as partner_count
    from partnership
    group by campaign_id
),

-- Costs only divide what was paid for: the clicks and visits of the partners (or own media) that reported a spend,
-- so a free relay's clicks do not make a campaign look cheaper than it was.
paid as (
    select
        campaign_id,
        sum(clicks) filter (where spend is not null) as paid_clicks,
        sum(landing_visits) filter (where spend is not null) as paid_visits
    from (
        select campaign_id, partner_id, sum(clicks) as clicks, sum(landing_visits) as landing_visits, sum(spend) as spend
        from facts
        group by campaign_id, partner_id
    )
    group by campaign_id
),

sums as (
    select
        campaign_id,
        sum(impressions) as impressions, sum(clicks) as clicks, sum(engagements) as engagements,
        sum(sends) as sends, sum(delivered) as delivered, sum(unique_opens) as unique_opens,
        sum(email_clicks) as email_clicks, sum(landing_visits) as landing_visits,
        sum(conversions) as conversions, sum(spend) as spend_eur,
        sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions,
        sum(open_base) as open_base, sum(cto_clicks) as cto_clicks, sum(cto_opens) as cto_opens,
        min(period_start) as first_day
    from facts
    group by campaign_id
),

final as (
    select
        c.id as campaign_id,
        c.name as campaign,
        c.series,
        c.theme,
        c.target_public,
        coalesce(c.start_date, s.first_day) as start_date,
        c.end_date,
        year(coalesce(c.start_date, s.first_day)) as year,
        coalesce(pa.partner_count, 0) as partner_count,
        s.impressions, s.clicks, s.engagements, s.sends, s.delivered, s.unique_opens, s.email_clicks,
        s.landing_visits, s.conversions, s.spend_eur,
        coalesce(pr.press_mentions, 0) as press_mentions,
        ratio(s.ctr_clicks, s.ctr_impressions) as ctr,
        ratio(s.unique_opens, s.open_base) as open_rate,
        ratio(s.cto_clicks, s.cto_opens) as click_to_open,
        ratio(s.spend_eur, pd.paid_clicks) as cpc_eur,
        ratio(s.spend_eur, pd.paid_visits) as cost_per_visit_eur,
        ratio(1000 * s.landing_visits, s.impressions) as visits_per_1000_impressions,
        ratio(1000000 * coalesce(pr.press_mentions, 0), s.impressions) as press_per_million_impressions
    from campaign as c
    left join sums as s on s.campaign_id = c.id
    left join press as pr on pr.campaign_id = c.id
    left join partners as pa on pa.campaign_id = c.id
    left join paid as pd on pd.campaign_id = c.id
)

select * from final order by start_date desc nulls last, campaign
