-- The campaigns a reading of the figures model covers: of theme `of_theme`, the campaign `of_campaign` (null: every
-- theme, every campaign).
create or replace macro campaigns_of(of_theme, of_campaign) as table
select id from campaign
where (of_theme is null or theme = of_theme) and (of_campaign is null or id = of_campaign);
