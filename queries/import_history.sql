-- one row per ingestion (newest first): what it brought, what it replaced, and what later replaced it
with ingestions as (
    select * from ingestion
),

campaigns as (
    select id, name from campaign
),

partners as (
    select id, name from partner
),

figures_now as (
    select ingestion_id, count(*) as figures from metric_fact group by ingestion_id
),

replaced_later as (
    select ingestion_id, string_agg(distinct replaced_by::varchar, ', ' order by replaced_by::varchar) as replaced_by
    from fact_replaced
    group by ingestion_id
),

final as (
    select
        i.id,
        i.created_at,
        i.source,
        i.file_name,
        c.name as campaign,
        p.name as partner,
        i.rows_loaded,
        i.rows_rejected,
        i.rows_replaced,
        coalesce(f.figures, 0) as figures_in_store,
        r.replaced_by,
        i.created_by,
        i.status
    from ingestions as i
    left join campaigns as c on c.id = i.campaign_id
    left join partners as p on p.id = i.partner_id
    left join figures_now as f on f.ingestion_id = i.id
    left join replaced_later as r on r.ingestion_id = i.id
)

select * from final order by id desc
