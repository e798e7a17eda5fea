-- 004: what comparing partnerships and following relationships need.
-- `relationship_setting` holds the follow-up settings (months without a meeting before a partner is flagged);
-- `partnership_figures` (every campaign × partner with its sums and ratios) is now a definition (resonance/store/definitions/).

create table if not exists relationship_setting (
    key varchar primary key,
    value varchar not null
);
insert into relationship_setting values ('months_without_meeting', '6') on conflict do nothing;
