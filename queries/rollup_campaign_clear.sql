-- no row: the campaign rollup of campaign $campaign_id removed before it is recomputed
delete from rollup_campaign where campaign_id = $campaign_id
