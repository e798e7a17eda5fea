-- one row per dated moment of the campaign (launch, press release, newsletter)
select id as annotation_id, on_date, label
from annotation
where campaign_id = $campaign_id
order by on_date
