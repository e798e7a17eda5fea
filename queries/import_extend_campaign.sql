-- one campaign ($campaign_id) whose dates are stretched to cover $start_date .. $end_date (the manager chose to extend them at import)
update campaign set
    start_date = least(coalesce(start_date, $start_date), $start_date),
    end_date = greatest(coalesce(end_date, $end_date), $end_date)
where id = $campaign_id
