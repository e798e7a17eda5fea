-- figures('partner') over the whole store, for readers that want a table's name
create or replace view figures_partner as select * from figures('partner', null, null, null);
