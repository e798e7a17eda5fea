-- figures('partnership_day') over the whole store, for readers that want a table's name
create or replace view figures_partnership_day as select * from figures('partnership_day', null, null, null);
