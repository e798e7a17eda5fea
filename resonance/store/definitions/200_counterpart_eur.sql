-- The euros of counterpart a partnership sheet writes in its "Counterparts" field ("Dotation de 2 000 €",
-- "1 500 euros"): the sum of the amounts written with a euro sign or the word euro(s); null when none is written.
create or replace macro counterpart_eur(counterparts) as
    nullif(list_sum(list_transform(
        regexp_extract_all(coalesce(counterparts, ''),
            '(\d(?:[\d.]|[\s\x{202f}\x{a0}]\d)*(?:,\d+)?)[\s\x{202f}\x{a0}]*(?:€|(?i:euros?|eur)\b)', 1),
        amount -> try_cast(replace(regexp_replace(amount, '[\s\x{202f}\x{a0}.]', '', 'g'), ',', '.') as double))), 0);
