-- one new campaign from its sheet; returns its id
insert into campaign (name, theme, series, objective, target_public, start_date, end_date, landing_url, budget_eur)
values ($name, $theme, $series, $objective, $target_public, $start_date, $end_date, $landing_url, $budget_eur)
returning id
