-- removes one source configured in the page (its runs and loaded figures stay)
delete from source where name = $name and origin = 'page'
