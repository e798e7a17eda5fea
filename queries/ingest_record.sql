-- one row: the id of the ingestion recorded for a load
insert into ingestion (source, file_name, sha256, campaign_id, partner_id, rows_rejected, mapping, notes, created_by)
values ($source, $file_name, $sha256, $campaign_id, $partner_id, $rows_rejected, $mapping, $notes, $created_by)
returning id
