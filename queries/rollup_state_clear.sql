-- no row: the rollup fingerprint of campaign $campaign_id removed before it is recomputed
delete from rollup_state where campaign_id = $campaign_id
