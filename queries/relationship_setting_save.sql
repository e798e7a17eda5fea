-- one follow-up setting written (inserted or replaced)
insert or replace into relationship_setting (key, value) values ($key, $value)
