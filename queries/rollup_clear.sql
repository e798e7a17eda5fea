-- no row: the partnership rollups of campaign $campaign_id removed before they are recomputed
delete from rollup_partnership where campaign_id = $campaign_id
