-- one row: the fingerprint of what campaign $campaign_id's rollups were computed from
insert into rollup_state
select campaign_id, fingerprint, rows from rollup_fingerprints() where campaign_id = $campaign_id
