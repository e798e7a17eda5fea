-- one row per link revoked (those of the id, or every live link of the partnership), returning the ids
update upload_link set revoked_at = $now, revoked_by = $by
where revoked_at is null
  and (id = $link_id or ($link_id is null and partnership_id = $partnership_id))
returning id
