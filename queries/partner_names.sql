-- one row per partner: its id and name, by name
select id, name from partner order by name
