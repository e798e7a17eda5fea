-- one row per stored fact that the incoming facts (registered as incoming_facts) would replace
select ingestion_id, metric, value
from replaced_facts('incoming_facts')
