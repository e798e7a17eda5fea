-- one campaign × metric target removed
delete from target where campaign_id = $campaign_id and metric = $metric
