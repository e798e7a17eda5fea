-- no row: the per partnership × year rollups of campaign $campaign_id removed before they are recomputed
delete from rollup_year where campaign_id = $campaign_id
