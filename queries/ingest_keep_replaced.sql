-- one row per stored fact that the incoming rows (registered as incoming_facts) are about to replace
insert into fact_replaced
select $ingestion_id, f.* exclude (ingestion_id), f.ingestion_id
from replaced_facts('incoming_facts') as f
