-- 040: the portfolio's amplification (issue 15) — per activation and per euro of counterpart, from the partnership
-- sheet's fields and the figures model (docs/metrics.md, resonance/domain/figures.py); and the PESO kind remembered
-- per source and per partner, proposed again at the next import or sync.

-- The activations a partnership sheet lists: one per item of its "Activations" field, items separated by ";", ",",
-- " et ", " + " or a line ("Bannière et notification" = 2); null when nothing is written.
create or replace macro activation_count(activations) as
    case when nullif(trim(activations), '') is not null then
        len(list_filter(
            regexp_split_to_array(activations, '\s*(?:;|,|\n|\+|\bet\b|\band\b)\s*'),
            item -> trim(item) <> ''))
    end;

-- The euros of counterpart a partnership sheet writes in its "Counterparts" field ("Dotation de 2 000 €",
-- "1 500 euros"): the sum of the amounts written with a euro sign or the word euro(s); null when none is written.
create or replace macro counterpart_eur(counterparts) as
    nullif(list_sum(list_transform(
        regexp_extract_all(coalesce(counterparts, ''),
            '(\d(?:[\d.]|[\s\x{202f}\x{a0}]\d)*(?:,\d+)?)[\s\x{202f}\x{a0}]*(?:€|(?i:euros?|eur)\b)', 1),
        amount -> try_cast(replace(regexp_replace(amount, '[\s\x{202f}\x{a0}.]', '', 'g'), ',', '.') as double))), 0);

-- One row per partnership: what it carried (impressions, clicks, from the figures model), its activations and its
-- euros of counterpart (written on the sheet, else the spend it reported: what the government gave in return).
create or replace view partnership_amplification as
select
    partnership_id, campaign_id, campaign, theme, start_date, partner_id, partner, partner_kind, channel,
    impressions, clicks, spend_eur, press_naming_partner,
    activation_count(activations) as activations_count,
    coalesce(counterpart_eur(counterparts), spend_eur) as counterpart_eur,
    case when counterpart_eur(counterparts) is not null then 'sheet' when spend_eur is not null then 'spend' end
        as counterpart_from
from partnership_figures;

-- The amplification of one grain: 'partnership' or 'partner' (across its partnerships). A ratio of sums over the
-- partnerships that know both sides (activations and impressions…), so an unknown never counts as zero.
create or replace macro amplification(at_grain) as table
with keyed as (
    select
        *,
        case when at_grain = 'partnership' then partnership_id end as key_partnership_id,
        case when at_grain = 'partnership' then campaign_id end as key_campaign_id
    from partnership_amplification
),

sums as (
    select
        key_partnership_id as partnership_id, key_campaign_id as campaign_id, partner_id, any_value(partner) as partner,
        count(*) as partnerships,
        sum(activations_count) as activations,
        sum(counterpart_eur) as counterpart_eur,
        sum(impressions) as impressions, sum(clicks) as clicks,
        coalesce(sum(press_naming_partner), 0) as press_naming_partner,
        sum(impressions) filter (where activations_count is not null) as act_impressions,
        sum(activations_count) filter (where impressions is not null) as act_for_impressions,
        sum(clicks) filter (where activations_count is not null) as act_clicks,
        sum(activations_count) filter (where clicks is not null) as act_for_clicks,
        sum(impressions) filter (where counterpart_eur is not null) as eur_impressions,
        sum(counterpart_eur) filter (where impressions is not null) as eur_for_impressions,
        sum(clicks) filter (where counterpart_eur is not null) as eur_clicks,
        sum(counterpart_eur) filter (where clicks is not null) as eur_for_clicks
    from keyed
    group by key_partnership_id, key_campaign_id, partner_id
)

select
    partnership_id, campaign_id, partner_id, partner, partnerships, activations, counterpart_eur, impressions, clicks,
    press_naming_partner,
    ratio(act_impressions, act_for_impressions) as impressions_per_activation,
    ratio(act_clicks, act_for_clicks) as clicks_per_activation,
    ratio(eur_impressions, eur_for_impressions) as impressions_per_counterpart_eur,
    ratio(eur_clicks, eur_for_clicks) as clicks_per_counterpart_eur
from sums;

-- The PESO kind last chosen for a source (a declared connector, by name) or a partner (by id), proposed again at
-- the next import or sync of that source or partner.
create table if not exists peso_remembered (
    scope varchar not null check (scope in ('source', 'partner')),
    key varchar not null,
    peso varchar not null check (peso in ('paid', 'earned', 'shared', 'owned')),
    chosen_by varchar not null default 'system',
    chosen_at timestamp not null default current_timestamp,
    primary key (scope, key)
);
