-- one row: the name of the store's own catalog
select current_database() as catalog
