-- A ratio of sums, null (shown "—") when the base is missing or zero.
create or replace macro ratio(numerator, denominator) as
    case when denominator is null or denominator = 0 then null else numerator / denominator end;
