-- one sync run finished, with what it loaded or why it failed
update sync_run set
    finished_at = current_timestamp,
    status = $status,
    rows_loaded = $rows_loaded,
    rows_replaced = $rows_replaced,
    press_loaded = $press_loaded,
    press_duplicates = $press_duplicates,
    requests = $requests,
    ingestion_id = $ingestion_id,
    totals = $totals,
    unmapped = $unmapped,
    notes = $notes,
    error = $error
where id = $run_id
