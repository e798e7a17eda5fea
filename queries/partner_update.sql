-- one partner's identity, edited in the partner file
update partner set
    name = $name, kind = $kind, sector = $sector, audiences = $audiences,
    declared_audience = $declared_audience, contact = $contact, notes = $notes, is_candidate = $is_candidate
where id = $partner_id
