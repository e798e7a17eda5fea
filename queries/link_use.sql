-- one row per link: counts one drop, only while uses remain (returns nothing when the link is used up)
update upload_link set uses = uses + 1
where id = $link_id and (max_uses is null or uses < max_uses)
returning uses
