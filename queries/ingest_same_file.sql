-- one row (or none): the earliest loaded ingestion of the file $sha256 for campaign $campaign_id and partner $partner_id
select id from ingestion
where sha256 = $sha256 and status = 'loaded'
    and campaign_id is not distinct from $campaign_id and partner_id is not distinct from $partner_id
order by id
limit 1
