-- Every partnership with its figures (from the model, read from the rollups) and what describes it, shared by the
-- comparison, the benchmark, the map of actors and the partner file.
create or replace view partnership_figures as
select
    ps.id as partnership_id,
    ps.campaign_id,
    c.name as campaign,
    c.series,
    c.theme,
    c.target_public,
    coalesce(ps.start_date, c.start_date, f.first_day) as start_date,
    coalesce(ps.end_date, c.end_date) as end_date,
    ps.partner_id,
    p.name as partner,
    p.kind as partner_kind,
    p.sector,
    p.audiences,
    coalesce(ps.channel, f.main_channel) as channel,
    ps.role,
    ps.step,
    ps.activations,
    ps.counterparts,
    coalesce(f.press_mentions, 0) as press_mentions,
    f.* exclude (campaign_id, partner_id, day, campaigns, partners, press_mentions, main_channel)
from partnership as ps
join campaign as c on c.id = ps.campaign_id
join partner as p on p.id = ps.partner_id
left join rollup_partnership as f on f.campaign_id = ps.campaign_id and f.partner_id = ps.partner_id;
