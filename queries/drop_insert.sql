-- one row inserted per drop through a link, waiting for the manager ('pending'); returns its id
insert into link_drop (link_id, partnership_id, dropped_at, client_address, summary)
values ($link_id, $partnership_id, $now, $client_address, $summary)
returning id
