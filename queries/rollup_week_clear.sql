-- no row: the per partnership × bucket rollups of campaign $campaign_id removed before they are recomputed
delete from rollup_week where campaign_id = $campaign_id
