-- one row per partner with partnerships: what it carried per activation and per euro of counterpart, from the figures model
with amplified as (
    select * from amplification('partner')
),

final as (
    select
        a.partner_id, a.partner, p.kind, p.sector, a.partnerships, a.activations, a.counterpart_eur,
        a.impressions, a.clicks, a.press_naming_partner,
        a.impressions_per_activation, a.clicks_per_activation,
        a.impressions_per_counterpart_eur, a.clicks_per_counterpart_eur
    from amplified as a
    join partner as p on p.id = a.partner_id
)

select * from final
order by impressions_per_activation desc nulls last, impressions_per_counterpart_eur desc nulls last, partner
