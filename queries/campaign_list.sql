-- one row per campaign, newest first, with how many partnerships it has
select
    c.id as campaign_id, c.name, c.theme, c.series, c.start_date, c.end_date,
    (select count(*) from partnership as ps where ps.campaign_id = c.id) as partner_count
from campaign as c
order by c.start_date desc nulls last, c.name
