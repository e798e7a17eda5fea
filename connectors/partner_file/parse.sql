-- Macros of the in-memory DuckDB that parses partner files (not the store): numbers as partners write them.
-- list_contains, not IN: DuckDB 1.5 turns a long IN list into a join, and the progress bar then goes blank
create or replace macro rs_blank(x) as
    x is null or list_contains(['', '-', '--', '—', '–', 'n/a', 'na', 'nc', 'n.c.', 'nan', 'null', 'none', '(not set)', 's/o'],
                               lower(trim(x)));
create or replace macro rs_strip(x) as
    regexp_replace(x, '[\s\x{00a0}\x{202f}\x{2009}%€$]|EUR', '', 'g');
-- 1 234,5 · 1.234,5 · 12,5 % · 2,35 %: decimal comma; the fast path first, the cleaning only when needed
create or replace macro rs_number_comma(x) as coalesce(
    case when not contains(x, '.') then try_cast(replace(x, ',', '.') as double) end,
    case when not rs_blank(x) then try_cast(replace(replace(rs_strip(x), '.', ''), ',', '.') as double) end);
-- 1,234.5 · 2.35% · 0.0235: decimal point
create or replace macro rs_number_point(x) as coalesce(
    try_cast(x as double),
    case when not rs_blank(x) then try_cast(replace(rs_strip(x), ',', '') as double) end);
