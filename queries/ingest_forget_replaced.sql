-- the facts kept aside for ingestion $ingestion_id, forgotten once it is undone
delete from fact_replaced where replaced_by = $ingestion_id
