-- the press mentions ingestion $ingestion_id brought, removed
delete from press_mention where ingestion_id = $ingestion_id
