-- one row: the campaign's totals over all partners and its ratios, computed from sums
with facts as (
    select * from fact_wide where campaign_id = $campaign_id
),

press as (
    select count(*) as press_mentions, sum(audience) as press_audience
    from press_mention
    where campaign_id = $campaign_id
),

sums as (
    select
        sum(impressions) as impressions, sum(reach) as reach_cumulated, sum(clicks) as clicks,
        sum(engagements) as engagements, sum(video_views) as video_views, sum(sends) as sends,
        sum(delivered) as delivered, sum(unique_opens) as unique_opens, sum(email_clicks) as email_clicks,
        sum(landing_visits) as landing_visits, sum(conversions) as conversions, sum(spend) as spend_eur,
        sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions,
        sum(open_base) as open_base, max(open_base_is_sends) as open_base_is_sends,
        sum(cto_clicks) as cto_clicks, sum(cto_opens) as cto_opens,
        count(distinct partner_id) as partners_reporting
    from facts
),

final as (
    select
        s.* exclude (ctr_clicks, ctr_impressions, open_base, open_base_is_sends, cto_clicks, cto_opens),
        p.press_mentions, p.press_audience,
        ratio(s.ctr_clicks, s.ctr_impressions) as ctr,
        ratio(s.unique_opens, s.open_base) as open_rate,
        case when s.open_base_is_sends = 1 then 'sends' when s.open_base is not null then 'delivered' end as open_rate_base,
        ratio(s.cto_clicks, s.cto_opens) as click_to_open,
        ratio(s.engagements, s.impressions) as engagement_rate,
        ratio(s.spend_eur, s.clicks) as cpc_eur,
        ratio(1000 * s.spend_eur, s.impressions) as cpm_eur,
        ratio(s.spend_eur, s.landing_visits) as cost_per_visit_eur,
        ratio(s.landing_visits, s.clicks) as click_through_to_site
    from sums as s, press as p
)

select * from final
