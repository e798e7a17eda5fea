-- one press mention per incoming article (incoming_press) whose URL the campaign does not have yet
insert into press_mention (campaign_id, partner_id, published_on, outlet, title, url, audience, sentiment, ingestion_id)
select i.campaign_id, i.partner_id, i.published_on, i.outlet, i.title, i.url, i.audience, i.sentiment, $ingestion_id
from incoming_press as i
where i.url is null
    or not exists (select 1 from press_mention as p where p.campaign_id = i.campaign_id and p.url = i.url)
