-- one sync run starting for one source
insert into sync_run (source, kind, since, until, triggered_by)
values ($source, $kind, $since, $until, $triggered_by)
returning id
