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
