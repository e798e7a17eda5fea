-- One row per partner met at least once: its latest meeting (the latest day; of two that day, the latest written)
-- and the next step planned there. The map of actors shows when; the follow-up alerts read the step too.
create or replace view partner_latest_meeting as
select partner_id, met_on, next_step, next_date
from meeting
qualify row_number() over (partition by partner_id order by met_on desc, id desc) = 1;
