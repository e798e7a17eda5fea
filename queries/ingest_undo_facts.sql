-- the facts ingestion $ingestion_id brought, removed
delete from metric_fact where ingestion_id = $ingestion_id
