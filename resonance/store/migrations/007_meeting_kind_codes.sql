-- 007: meeting kinds stored as codes, shown through the translation catalogues (relationship.kind.*),
-- so an English screen no longer shows "bilan" or "comité". A kind typed by hand stays as it was.
update meeting set kind = case kind
    when 'rendez-vous' then 'meeting'
    when 'bilan' then 'review'
    when 'comité' then 'committee'
    when 'appel' then 'call'
    when 'événement' then 'event'
    else kind
end
where kind in ('rendez-vous', 'bilan', 'comité', 'appel', 'événement');
