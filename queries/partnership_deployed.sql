-- one partnership: moved to step 4 "déploiement" when its figures land, if it was at an earlier step
update partnership set step = 4 where id = $partnership_id and step < 4
