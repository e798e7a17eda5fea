-- a candidate becomes a partner once a partnership is recorded with it
update partner set is_candidate = false where id = $partner_id and is_candidate
