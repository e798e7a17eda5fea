-- one row: whether this name signed in successfully from this address before
select count(*) > 0 as known
from sign_in_known
where name_key = $name_key and address = $address
