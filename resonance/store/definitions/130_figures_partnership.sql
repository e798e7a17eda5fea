-- figures('partnership') over the whole store, for readers that want a table's name
create or replace view figures_partnership as select * from figures('partnership', null, null, null);
