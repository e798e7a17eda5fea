-- one row per rate kept as reported for campaign $campaign_id (never mixed into weighted figures)
with rates as (
    select r.* from reported_rate as r
    join ingestion as i on i.id = r.ingestion_id and i.status = 'loaded'
    where r.campaign_id = $campaign_id and not starts_with(r.rate, 'partner:')   -- partners' own figures: their own section
),

final as (
    select r.rate, r.value, r.period_start, r.period_end, r.platform, p.name as partner, r.rows_behind, r.ingestion_id
    from rates as r
    left join partner as p on p.id = r.partner_id
)

select * from final order by period_start, rate
