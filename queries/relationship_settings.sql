-- one row per follow-up setting
select key, value from relationship_setting order by key
