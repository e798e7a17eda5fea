-- one row changed: the campaign's summary and lessons as the manager wrote them (null: generated again)
update campaign
set summary_text = $summary_text, lessons = $lessons
where id = $campaign_id
