-- one row per alias saved: a file's name for a campaign, remembered for next time
insert or replace into campaign_alias (alias_key, alias, campaign_id)
values ($alias_key, $alias, $campaign_id)
