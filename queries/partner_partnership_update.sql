-- one partnership's lifecycle: step, activations, counterparts, checklist, dates
update partnership set
    role = $role, channel = $channel, activations = $activations, counterparts = $counterparts, step = $step,
    supervisor_informed = $supervisor_informed, sig_informed = $sig_informed,
    legal_frame_signed = $legal_frame_signed, message_validated = $message_validated,
    start_date = $start_date, end_date = $end_date
where id = $partnership_id
