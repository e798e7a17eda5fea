-- one row at most: the campaign's own visual (a logo or a picture of no partner, marked 'logo'), newest first
select sha256, mime, caption
from asset
where campaign_id = $campaign_id and partner_id is null and kind = 'logo' and sha256 is not null
order by id desc
limit 1
