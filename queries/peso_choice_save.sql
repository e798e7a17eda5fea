-- one row written: the PESO kind chosen for every figure of one campaign × partner (partner null: own media), remembered for later loads
insert or replace into partnership_peso (campaign_id, partner_key, partner_id, peso, chosen_by)
values ($campaign_id, coalesce($partner_id, 0), $partner_id, $peso, $chosen_by)
