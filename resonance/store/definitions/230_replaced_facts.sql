-- The stored facts an incoming set replaces, written once for the import preview, the copy kept for undo and the
-- delete. A stored fact is replaced by an incoming one with the same key: campaign, partner (no partner matches no
-- partner), channel, PESO kind, platform, period and metric.
-- `incoming` names the rows a load or a preview registers on its connection (`incoming_facts`): a table macro binds
-- the tables it names when it is made, and query_table() defers that name to the call, when the rows exist.
create or replace macro replaced_facts(incoming) as table
select f.*
from metric_fact as f
semi join query_table(incoming) as i
    on f.campaign_id = i.campaign_id
    and f.partner_id is not distinct from i.partner_id
    and f.channel = i.channel
    and f.peso = i.peso
    and f.platform = i.platform
    and f.period_start = i.period_start
    and f.period_end = i.period_end
    and f.metric = i.metric;
