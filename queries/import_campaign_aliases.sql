-- one row per remembered campaign alias, with the campaign it stands for
with aliases as (
    select alias_key, alias, campaign_id from campaign_alias
),

final as (
    select a.alias_key, a.alias, a.campaign_id, c.name as campaign
    from aliases as a
    join campaign as c on c.id = a.campaign_id
)

select * from final
