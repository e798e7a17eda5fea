-- one campaign's sheet, edited on its review
update campaign set
    name = $name, theme = $theme, series = $series, objective = $objective, target_public = $target_public,
    start_date = $start_date, end_date = $end_date, landing_url = $landing_url, budget_eur = $budget_eur
where id = $campaign_id
