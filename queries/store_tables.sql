-- one row per base table of a catalog's main schema, by name
select table_name
from information_schema.tables
where table_catalog = $catalog and table_schema = 'main' and table_type = 'BASE TABLE'
order by table_name
