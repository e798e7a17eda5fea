-- one dated note removed from its campaign
delete from annotation where id = $annotation_id and campaign_id = $campaign_id
