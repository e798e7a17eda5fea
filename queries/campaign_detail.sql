-- one row: the campaign's descriptive fields and its measured period
with facts as (
    select min(period_start) as first_day, max(period_end) as last_day
    from metric_fact
    where campaign_id = $campaign_id
),

final as (
    select
        c.id as campaign_id, c.name, c.theme, c.series, c.objective, c.target_public,
        c.start_date, c.end_date, c.landing_url, c.budget_eur, c.summary_text, c.lessons,
        coalesce(c.start_date, f.first_day) as period_start,
        coalesce(c.end_date, f.last_day) as period_end
    from campaign as c, facts as f
    where c.id = $campaign_id
)

select * from final
