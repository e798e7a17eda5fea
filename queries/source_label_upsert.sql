-- one label of a source mapped to a campaign (and optionally a partner)
insert into source_label (source, label_key, label, campaign_id, partner_id, created_by)
values ($source, $label_key, $label, $campaign_id, $partner_id, $created_by)
on conflict (source, label_key) do update set
    label = excluded.label,
    campaign_id = excluded.campaign_id,
    partner_id = excluded.partner_id,
    created_by = excluded.created_by,
    created_at = now()
