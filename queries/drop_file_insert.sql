-- one row inserted per file of a drop (a report or a picture), its bytes kept until the manager decides
insert into link_drop_file (drop_id, position, kind, file_name, caption, sha256, content)
values ($drop_id, $position, $kind, $file_name, $caption, $sha256, $content)
