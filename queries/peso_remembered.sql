-- at most two rows: the PESO kind last chosen for this source (by name) and for this partner (by its name's key)
select scope, peso, chosen_by, chosen_at
from peso_remembered
where (scope = 'source' and key = $source) or (scope = 'partner' and key = $partner)
order by scope desc
