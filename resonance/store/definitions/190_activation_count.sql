-- The activations a partnership sheet lists: one per item of its "Activations" field, items separated by ";", ",",
-- " et ", " + " or a line ("Bannière et notification" = 2); null when nothing is written.
create or replace macro activation_count(activations) as
    case when nullif(trim(activations), '') is not null then
        len(list_filter(
            regexp_split_to_array(activations, '\s*(?:;|,|\n|\+|\bet\b|\band\b)\s*'),
            item -> trim(item) <> ''))
    end;
