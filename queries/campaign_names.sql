-- one row per campaign: its id and name, by name
select id, name from campaign order by name
