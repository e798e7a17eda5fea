-- one ingestion ($ingestion_id): the rows it loaded and replaced, once the load is done
update ingestion set rows_loaded = $rows_loaded, rows_replaced = $rows_replaced where id = $ingestion_id
