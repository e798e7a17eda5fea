-- one row (or none): the status of ingestion $ingestion_id
select status from ingestion where id = $ingestion_id
