-- What a campaign's figures are computed from: its facts, its press articles, its PESO choices (a campaign without
-- any has no figures and no fingerprint; the facts of a deleted campaign count no more, as in the model), and the
-- definitions that compute them: a changed definition (schema_definition) leaves every rollup to be recomputed.
create or replace macro rollup_fingerprints() as table
select
    campaign_id,
    sum(print) + (select hash(string_agg(checksum, ',' order by name)) from schema_definition) as fingerprint,
    sum(rows) as rows
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
