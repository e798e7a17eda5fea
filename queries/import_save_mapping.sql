-- one row per header of the incoming mapping (registered as incoming_mapping) saved for partner $partner_id
insert or replace into column_mapping (partner_id, header_key, header, role, updated_at)
select $partner_id, header_key, header, role, current_timestamp
from incoming_mapping
