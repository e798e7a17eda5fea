-- figures('partnership') of one campaign (null: every one) as the model computes it, with the channel that carried
-- most of each partnership's volume (the web left aside): the comparison's channel when none was declared.
-- `rolled := true` reads the units from the year rollup (the refresh fills it just before), the main channel from
-- the facts still (it is no sum: the largest row of a partnership, which no rollup keeps).
create or replace macro rollup_rows(of_campaign, rolled := false) as table
with main_channel as (
    select
        campaign_id, partner_id,
        arg_max(channel, coalesce(impressions, sends, clicks, 0)) filter (where channel <> 'web') as main_channel
    from fact_wide
    where (of_campaign is null or campaign_id = of_campaign) and partner_id is not null
    group by campaign_id, partner_id
)

select f.*, m.main_channel
from figures('partnership', null, null, null, of_campaign := of_campaign, rolled := rolled) as f
left join main_channel as m on m.campaign_id = f.campaign_id and m.partner_id = f.partner_id;
