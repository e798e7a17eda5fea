-- one row: the fingerprint of what campaign $campaign_id's rollups were computed from (read by rollup_fingerprint)
insert into rollup_state (campaign_id, fingerprint, rows) values ($campaign_id, $fingerprint, $rows)
