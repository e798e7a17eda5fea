-- one row for campaign $campaign_id: its figures from the model, read from its week rollup (filled just before)
insert into rollup_campaign by name
select * from figures('campaign', null, null, null, of_campaign := $campaign_id, rolled := true)
