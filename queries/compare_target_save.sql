-- one campaign × metric target written (inserted or replaced)
insert or replace into target (campaign_id, metric, value) values ($campaign_id, $metric, $value)
