-- no rows: withdraw a connector secret declared on the admin page
delete from connector_secret where name = $name
