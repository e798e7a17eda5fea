-- one row per connector secret declared on the admin page: where its value is read and its hosts (JSON)
select name, env, secrets_key, hosts
from connector_secret
order by name
