-- one row per partnership × calendar year of campaign $campaign_id: the figures model's units, from its facts
insert into rollup_year by name
select * from figure_units('portfolio_year', null, null, null, $campaign_id, null)
