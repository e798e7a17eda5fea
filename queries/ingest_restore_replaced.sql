-- one row: how many facts replaced by ingestion $ingestion_id are put back (those whose own ingestion is still loaded)
insert into metric_fact
select r.* exclude (replaced_by)
from fact_replaced as r
join ingestion as i on i.id = r.ingestion_id and i.status = 'loaded'
where r.replaced_by = $ingestion_id
