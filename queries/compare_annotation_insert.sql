-- one dated note on a campaign (launch, press release, newsletter…); returns its id
insert into annotation (campaign_id, on_date, label) values ($campaign_id, $on_date, $label) returning id
