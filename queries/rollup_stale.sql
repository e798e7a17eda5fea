-- one row per campaign whose rollups differ from what its facts, press and PESO choices are now (or that vanished)
with now as (
    select * from rollup_fingerprints()
),

final as (
    select coalesce(n.campaign_id, s.campaign_id) as campaign_id
    from now as n
    full join rollup_state as s on s.campaign_id = n.campaign_id
    where n.fingerprint is distinct from s.fingerprint or n.rows is distinct from s.rows
)

select * from final order by campaign_id
