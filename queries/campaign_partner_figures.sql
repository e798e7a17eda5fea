-- one row per partner of the campaign (partner null: the campaign's own media), ratios from sums
with facts as (
    select * from fact_wide where campaign_id = $campaign_id
),

press as (
    select partner_id, count(*) as press_mentions, sum(audience) as press_audience
    from press_mention
    where campaign_id = $campaign_id
    group by partner_id
),

members as (
    select partner_id from partnership where campaign_id = $campaign_id
    union
    select distinct partner_id from facts
),

sums as (
    select
        partner_id,
        string_agg(distinct channel, ', ' order by channel) as channels,
        sum(impressions) as impressions, sum(reach) as reach_cumulated, sum(clicks) as clicks,
        sum(engagements) as engagements, sum(video_views) as video_views, sum(sends) as sends,
        sum(delivered) as delivered, sum(unique_opens) as unique_opens, sum(email_clicks) as email_clicks,
        sum(landing_visits) as landing_visits, sum(conversions) as conversions, sum(spend) as spend_eur,
        sum(ctr_clicks) as ctr_clicks, sum(ctr_impressions) as ctr_impressions,
        sum(open_base) as open_base, max(open_base_is_sends) as open_base_is_sends,
        sum(cto_clicks) as cto_clicks, sum(cto_opens) as cto_opens
    from facts
    group by partner_id
),

final as (
    select
        m.partner_id,
        pa.name as partner,
        pa.kind as partner_kind,
        s.* exclude (partner_id, ctr_clicks, ctr_impressions, open_base, open_base_is_sends, cto_clicks, cto_opens),
        coalesce(pr.press_mentions, 0) as press_mentions, pr.press_audience,
        ratio(s.ctr_clicks, s.ctr_impressions) as ctr,
        ratio(s.unique_opens, s.open_base) as open_rate,
        case when s.open_base_is_sends = 1 then 'sends' when s.open_base is not null then 'delivered' end as open_rate_base,
        ratio(s.cto_clicks, s.cto_opens) as click_to_open,
        ratio(s.engagements, s.impressions) as engagement_rate,
        ratio(s.spend_eur, s.clicks) as cpc_eur,
        ratio(s.landing_visits, s.clicks) as click_through_to_site
    from members as m
    left join sums as s on s.partner_id is not distinct from m.partner_id
    left join press as pr on pr.partner_id is not distinct from m.partner_id
    left join partner as pa on pa.id = m.partner_id
)

select * from final order by impressions desc nulls last, clicks desc nulls last, partner nulls last
