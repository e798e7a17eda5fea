-- one row per partnership matching an id, or a campaign and a partner named without regard to case (none or one)
select ps.id as partnership_id, c.name as campaign, p.name as partner, c.start_date, c.end_date
from partnership as ps
join campaign as c on c.id = ps.campaign_id
join partner as p on p.id = ps.partner_id
where ($partnership_id is not null and ps.id = $partnership_id)
   or ($partnership_id is null and lower(trim(c.name)) = lower(trim($campaign))
       and lower(trim(p.name)) = lower(trim($partner)))
