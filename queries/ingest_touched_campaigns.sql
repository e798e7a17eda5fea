-- one row per campaign whose figures ingestion $ingestion_id brought or replaced
select campaign_id from metric_fact where ingestion_id = $ingestion_id
union
select campaign_id from press_mention where ingestion_id = $ingestion_id
union
select campaign_id from fact_replaced where replaced_by = $ingestion_id
