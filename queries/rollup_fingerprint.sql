-- at most one row for campaign $campaign_id: the fingerprint of what its rollups are computed from, now and as kept
-- No row, or the same fingerprint twice: its rollups are exact as they are (rollup_stale's test, for one campaign).
select n.fingerprint, n.rows, s.fingerprint as kept_fingerprint, s.rows as kept_rows
from (select fingerprint, rows from rollup_fingerprints() where campaign_id = $campaign_id) as n
full join (select fingerprint, rows from rollup_state where campaign_id = $campaign_id) as s on true
