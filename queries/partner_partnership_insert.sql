-- one new partnership (campaign × partner); returns its id
insert into partnership (campaign_id, partner_id, role, channel, activations, counterparts, step,
    supervisor_informed, sig_informed, legal_frame_signed, message_validated, start_date, end_date)
values ($campaign_id, $partner_id, $role, $channel, $activations, $counterparts, $step,
    $supervisor_informed, $sig_informed, $legal_frame_signed, $message_validated, $start_date, $end_date)
returning id
