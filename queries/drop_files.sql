-- one row per file of one drop, in the order the partner dropped them
select position, kind, file_name, caption, sha256, content
from link_drop_file
where drop_id = $drop_id
order by position
