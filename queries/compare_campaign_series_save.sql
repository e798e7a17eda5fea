-- one campaign linked to its recurring series (editions share campaign.series), or unlinked when null
update campaign set series = $series where id = $campaign_id
