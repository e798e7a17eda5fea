-- figures('campaign') over the whole store, for readers that want a table's name
create or replace view figures_campaign as select * from figures('campaign', null, null, null);
