-- one meeting logged with a partner; returns its id
insert into meeting (partner_id, met_on, kind, notes, next_step, next_date, created_by)
values ($partner_id, $met_on, $kind, $notes, $next_step, $next_date, $created_by)
returning id
