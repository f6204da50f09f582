-- The ministry's coaching list: per year and level, the regions one, two or three evidence
-- fixes from their next predicate (region_next_steps), with their codes.
select
    assessment_year::integer as assessment_year,
    level::text as level,
    predicate::text as predicate,
    next_predicate::text as next_predicate,
    fixes_needed::integer as fixes_needed,
    count(*)::integer as regions,
    string_agg(region_code, ',' order by region_code)::text as region_codes
from {{ ref('region_next_steps') }}
where fixes_needed between 1 and 3
group by assessment_year, level, predicate, next_predicate, fixes_needed
