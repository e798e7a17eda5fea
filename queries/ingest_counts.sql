-- one row for ingestion $ingestion_id: the facts and press mentions it holds, the stored facts it replaced
select
    (select count(*) from metric_fact where ingestion_id = $ingestion_id) as facts,
    (select count(*) from press_mention where ingestion_id = $ingestion_id) as press,
    (select count(*) from fact_replaced where replaced_by = $ingestion_id) as replaced
