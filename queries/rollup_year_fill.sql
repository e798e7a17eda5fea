-- one row per partnership × calendar year of campaign $campaign_id: its week buckets (filled just before) added up
-- A bucket never straddles a new year, so a year is its buckets, and they add up as figure_units_rolled adds them
-- (sums of sums, maxima of maxima, counts added); a year of press articles alone has no channel (null, as from the
-- facts, not an empty list). Reading the weeks, not the facts, spares a second pivot of the campaign's facts.
insert into rollup_year by name
select
    campaign_id, partner_id, make_date(year(day), 1, 1) as day,
    list_distinct(flatten(list(distinct channel_list) filter (where channel_list is not null))) as channel_list,
    min(first_day) as first_day, max(last_day) as last_day, cast(sum(reach_reports) as bigint) as reach_reports,
    max(reach) as reach, max(open_base_is_sends) as open_base_is_sends,
    sum(columns(* exclude (campaign_id, partner_id, day, channel_list, first_day, last_day, reach_reports, reach,
                           open_base_is_sends)))
from rollup_week
where campaign_id = $campaign_id
group by all
