-- one row per free partnership of the campaign: the indicative paid-media equivalent of its volume at the median CPM
-- and CPC of the paid partnerships of the same channel in the store; null when they are fewer than $min_base
with paid as (
    select
        channel,
        count(*) as base,
        median(cpm_eur) as median_cpm_eur,
        median(cpc_eur) as median_cpc_eur,
        list_sort(list(distinct year(start_date))) as years
    from partnership_figures
    where spend_eur is not null and channel is not null and (cpm_eur is not null or cpc_eur is not null)
    group by channel
),

free as (
    select * from partnership_figures where campaign_id = $campaign_id and spend_eur is null
),

final as (
    select
        f.partner, f.channel, f.impressions, f.clicks,
        coalesce(p.base, 0) as base, p.years, p.median_cpm_eur, p.median_cpc_eur,
        case when p.base >= $min_base then f.impressions * p.median_cpm_eur / 1000 end as equivalent_cpm_eur,
        case when p.base >= $min_base then f.clicks * p.median_cpc_eur end as equivalent_cpc_eur
    from free as f
    left join paid as p on p.channel = f.channel
)

select * from final order by partner
