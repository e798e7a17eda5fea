-- one row for campaign $campaign_id: its figures from the model, read from its year rollup (filled just before)
-- Its years are its whole period (figure_units_rolled without bounds), summed by the model's own figures_of_units
-- without planning the model's other two sources (the facts, the weeks and edge days of a period).
insert into rollup_campaign by name
select * from (
    with units as (
        select * replace (cast(null as date) as day) from rollup_year where campaign_id = $campaign_id
    )

    select * from figures_of_units('campaign', 'units')
)
