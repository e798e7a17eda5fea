-- figure_cells of every campaign and partner: every reader of the whole store keeps its name
create or replace view figure_cell as select * from figure_cells(null, null);
