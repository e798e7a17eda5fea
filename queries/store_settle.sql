-- one row, no data: run and fetched to finish a result DuckDB still holds open on the connection
select 1
