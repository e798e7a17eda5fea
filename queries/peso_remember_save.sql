-- one row written: the PESO kind chosen for a source (by name) or a partner (by its name's key), proposed at its next import or sync
insert or replace into peso_remembered (scope, key, peso, chosen_by, chosen_at)
values ($scope, $key, $peso, $chosen_by, current_timestamp)
