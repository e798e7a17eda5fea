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
