-- one row per ingestion × metric: the figures each ingestion brought (press articles counted from press_mention)
with facts as (
    select ingestion_id, metric, sum(value) as value from metric_fact group by all
),

replaced as (
    select ingestion_id, metric, sum(value) as value from fact_replaced group by all
),

press as (
    select ingestion_id, 'press_mentions' as metric, count(*)::double as value from press_mention group by all
),

final as (
    select ingestion_id, metric, sum(value) as value
    from (select * from facts union all select * from replaced union all select * from press)
    group by all
)

select * from final order by ingestion_id, metric
