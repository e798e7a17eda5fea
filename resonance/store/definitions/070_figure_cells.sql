-- figure_cells_between every day
create or replace macro figure_cells(of_campaign, of_partner) as table
select * from figure_cells_between(of_campaign, of_partner, null, null);
