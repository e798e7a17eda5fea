-- the rates kept as reported (migration 002) that ingestion $ingestion_id brought, removed
delete from reported_rate where ingestion_id = $ingestion_id
