-- figures('partnership') of one campaign (null: every one) as the model computes it, with the channel that carried
-- most of each partnership's volume (the web left aside): the comparison's channel when none was declared.
-- `rolled := true` reads the units from the year rollup (the refresh fills it just before): a partnership's years
-- are its whole period (figure_units_rolled without bounds), planned without the model's other two sources; the
-- main channel still from the facts (no sum: a partnership's largest row, which no rollup keeps).
create or replace macro rollup_rows(of_campaign, rolled := false) as table
with units as (
    select * from figure_units('partnership', null, null, null, of_campaign, null)
    where not rolled
    union all by name
    select * replace (cast(null as date) as day) from rollup_year
    where rolled and (of_campaign is null or campaign_id = of_campaign)
),

main_channel as (
    select
        campaign_id, partner_id,
        arg_max(channel, coalesce(impressions, sends, clicks, 0)) filter (where channel <> 'web') as main_channel
    from fact_wide
    where (of_campaign is null or campaign_id = of_campaign) and partner_id is not null
    group by campaign_id, partner_id
)

select f.*, m.main_channel
from figures_of_units('partnership', 'units') as f
left join main_channel as m on m.campaign_id = f.campaign_id and m.partner_id = f.partner_id;
