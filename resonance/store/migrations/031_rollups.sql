-- 031: rollups (issue 16) — the partnership grain of the figures model kept in tables, so that the portfolio-wide
-- pages (comparison, percentiles, map of actors, the review's benchmark) stop pivoting every fact on every read.
-- The writers refresh the campaigns they touch in their own transaction (resonance/services/rollups.py, called by
-- the load, the undo and the PESO choice); each campaign's rollup also records a fingerprint of what it was computed
-- from, so a write that did not refresh it (a writer added later) is found and recomputed before a page reads it.

-- What a campaign's figures are computed from: its facts, its press articles, its PESO choices (a campaign without
-- any has no figures and no fingerprint; the facts of a deleted campaign count no more, as in the model).
create or replace macro rollup_fingerprints() as table
select campaign_id, sum(print) as fingerprint, sum(rows) as rows
from (
    select campaign_id, sum(hash(partner_id, channel, peso, platform, period_start, period_end, metric, value)) as print,
        count(*) as rows
    from metric_fact group by campaign_id
    union all
    select campaign_id, sum(hash(id, partner_id, published_on, outlet, audience)), count(*)
    from press_mention group by campaign_id
    union all
    select campaign_id, sum(hash(partner_key, peso)), count(*) from partnership_peso group by campaign_id
)
where campaign_id in (select id from campaign)
group by campaign_id;

-- figures('partnership') of one campaign (null: every one) as the model computes it, with the channel that carried
-- most of each partnership's volume (the web left aside): the comparison's channel when none was declared
create or replace macro rollup_rows(of_campaign) as table
with main_channel as (
    select
        campaign_id, partner_id,
        arg_max(channel, coalesce(impressions, sends, clicks, 0)) filter (where channel <> 'web') as main_channel
    from fact_wide
    where (of_campaign is null or campaign_id = of_campaign) and partner_id is not null
    group by campaign_id, partner_id
)

select f.*, m.main_channel
from figures('partnership', null, null, null, of_campaign := of_campaign) as f
left join main_channel as m on m.campaign_id = f.campaign_id and m.partner_id = f.partner_id;

create table rollup_partnership as select * from rollup_rows(null);

create table rollup_state (campaign_id integer primary key, fingerprint hugeint, rows hugeint);
insert into rollup_state select campaign_id, fingerprint, rows from rollup_fingerprints();

-- partnership_figures (008) read from the rollups: the same columns, the same rows
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
