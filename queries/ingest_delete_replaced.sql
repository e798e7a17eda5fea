-- removes the stored facts that the incoming rows (registered as incoming_facts) replace, kept aside just before
-- in fact_replaced (ingest_keep_replaced): `f = r` compares whole rows, so the key is written once, in the macro
delete from metric_fact as f
using replaced_facts('incoming_facts') as r
where f = r
