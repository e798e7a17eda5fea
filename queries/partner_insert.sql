-- one new partner (or candidate); returns its id
insert into partner (name, kind, sector, audiences, declared_audience, contact, notes, is_candidate)
values ($name, $kind, $sector, $audiences, $declared_audience, $contact, $notes, $is_candidate)
returning id
