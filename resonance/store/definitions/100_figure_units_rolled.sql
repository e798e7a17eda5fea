-- The figures model's units from the rollups (rollup_year, rollup_week; migrations 032, 045): the whole years, the
-- whole buckets outside them, the edge days from the facts,
-- added per campaign × partner (× year)
create or replace macro figure_units_rolled(at_grain, from_day, to_day, of_theme, of_campaign, of_partner) as table
with parts as (
    -- the calendar years wholly inside the period, from the year rollup (a partnership has one or two)
    select r.*
    from rollup_year as r
    join campaigns_of(of_theme, of_campaign) as k on k.id = r.campaign_id
    where (from_day is null or r.day >= rollup_year_full_from(from_day))
        and (to_day is null or r.day < rollup_year_full_to(to_day))
        and (of_partner is null or r.partner_id = of_partner)
    union all by name
    -- the whole buckets of the period outside those years (a bucket never straddles a new year, so it lies before
    -- the first whole year or after the last when its first day does)
    select r.*
    from rollup_week as r
    join campaigns_of(of_theme, of_campaign) as k on k.id = r.campaign_id
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
    max(last_day) as last_day, cast(sum(reach_reports) as bigint) as reach_reports, max(reach) as reach,
    max(open_base_is_sends) as open_base_is_sends,
    -- every other unit adds up across buckets and years: named once, in figure_units
    sum(columns(* exclude (campaign_id, partner_id, day, channel_list, first_day, last_day, reach_reports, reach,
                           open_base_is_sends)))
from parts
group by all;
