-- one row: the requests counted for (scope, key) in the window still open at $now (0 when none)
select coalesce(max(hits) filter (where window_start > $now - to_seconds($window_s)), 0) as hits
from link_throttle
where scope = $scope and key = $key
