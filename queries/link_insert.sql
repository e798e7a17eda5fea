-- one row inserted per upload link (only the token's hash), returning its id
insert into upload_link (partnership_id, token_sha256, expires_on, max_uses, created_by, created_at)
values ($partnership_id, $token_sha256, $expires_on, $max_uses, $created_by, $now)
returning id
