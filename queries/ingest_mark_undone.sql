-- one ingestion ($ingestion_id) marked undone
update ingestion set status = 'undone' where id = $ingestion_id
