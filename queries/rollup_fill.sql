-- one row per partnership of campaign $campaign_id: its figures from the model, read for this campaign alone
insert into rollup_partnership by name
select * from rollup_rows($campaign_id)
