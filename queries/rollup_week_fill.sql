-- one row per partnership × bucket (a week cut at the new year) of campaign $campaign_id: the figures model's units
insert into rollup_week by name
select * from figure_units('partnership_week', null, null, null, $campaign_id, null)
