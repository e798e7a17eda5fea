-- one row per (scope, key): counts one request in the current window (a new window starts when the old one ended)
insert into link_throttle (scope, key, window_start, hits)
values ($scope, $key, $now, 1)
on conflict (scope, key) do update set
    hits = case when link_throttle.window_start <= $now - to_seconds($window_s) then 1 else link_throttle.hits + 1 end,
    window_start = case when link_throttle.window_start <= $now - to_seconds($window_s) then $now
                        else link_throttle.window_start end
returning hits
