-- one row per partnership of campaign $campaign_id: its figures from the model, read from its year rollup (just filled)
insert into rollup_partnership by name
select * from rollup_rows($campaign_id, rolled := true)
