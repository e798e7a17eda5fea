-- one row per load (file, connector or demo) that brought figures or press articles to the campaign
with loads as (
    select * from ingestion
    where status = 'loaded'
      and (campaign_id = $campaign_id
           or id in (select ingestion_id from metric_fact where campaign_id = $campaign_id)
           or id in (select ingestion_id from press_mention where campaign_id = $campaign_id))
),

press as (
    select ingestion_id, count(*) as press_loaded
    from press_mention
    where campaign_id = $campaign_id
    group by ingestion_id
),

final as (
    select
        l.id as ingestion_id, l.source, l.file_name, l.created_at as loaded_at, l.created_by,
        pa.name as partner, l.rows_loaded, l.rows_rejected, l.rows_replaced,
        coalesce(pr.press_loaded, 0) as press_loaded
    from loads as l
    left join partner as pa on pa.id = l.partner_id
    left join press as pr on pr.ingestion_id = l.id
)

select * from final order by loaded_at, ingestion_id
