-- one row per column of a table of the store: the names an insert may use
select column_name from duckdb_columns() where table_name = $table_name and schema_name = 'main'
