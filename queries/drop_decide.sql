-- one row per drop decided (only a pending one), returning its id
update link_drop set status = $status, refusal_reason = $reason, decided_by = $by, decided_at = $now,
    ingestion_ids = $ingestion_ids
where id = $drop_id and status = 'pending'
returning id
