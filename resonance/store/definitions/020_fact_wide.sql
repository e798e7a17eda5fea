-- metric_fact pivoted at its own grain, with the paired figures ratios need:
-- a CTR only counts clicks where impressions were reported for the same row (and the
-- reverse), and the open rate's base is `delivered`, or `sends` where delivered is absent.
create or replace view fact_wide as
with pivoted as (
    select
        campaign_id, partner_id, channel, peso, platform, period_start, period_end,
        sum(value) filter (where metric = 'impressions') as impressions,
        sum(value) filter (where metric = 'reach') as reach,
        sum(value) filter (where metric = 'clicks') as clicks,
        sum(value) filter (where metric = 'engagements') as engagements,
        sum(value) filter (where metric = 'video_views') as video_views,
        sum(value) filter (where metric = 'sends') as sends,
        sum(value) filter (where metric = 'delivered') as delivered,
        sum(value) filter (where metric = 'unique_opens') as unique_opens,
        sum(value) filter (where metric = 'email_clicks') as email_clicks,
        sum(value) filter (where metric = 'landing_visits') as landing_visits,
        sum(value) filter (where metric = 'conversions') as conversions,
        sum(value) filter (where metric = 'spend') as spend
    from metric_fact
    group by all
)
select
    *,
    case when impressions is not null then clicks end as ctr_clicks,
    case when clicks is not null then impressions end as ctr_impressions,
    case when unique_opens is not null then coalesce(delivered, sends) end as open_base,
    case when unique_opens is not null and delivered is null and sends is not null then 1 else 0 end as open_base_is_sends,
    case when unique_opens is not null then email_clicks end as cto_clicks,
    case when email_clicks is not null then unique_opens end as cto_opens
from pivoted;
