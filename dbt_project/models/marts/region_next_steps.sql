-- The path to the next predicate, per region and assessment year: where the region stands,
-- what it lacks (or its margin at the top), how many evidence fixes of region_evidence_fixes
-- reach the next band, and under versions with the basic-affairs rule which basic affairs
-- its eligible innovations lack and the count points that withholds.
with standing as (
    select
        *,
        -- the count points the basic-affairs rule withholds (int_region_scores gives 0 for them)
        case when basic_affairs_min is not null and basic_affairs_covered < basic_affairs_min
            then least(n_eligible, count_cap) * count_points else 0 end as withheld
    from {{ ref('int_region_standing') }}
),

fixes as (
    select
        region_code,
        assessment_year,
        count(*) as fixable_answers,
        max(running_iid) as iid_if_all_fixed,
        max(fix_order) filter (where is_suggested) as fixes_needed
    from {{ ref('region_evidence_fixes') }}
    group by region_code, assessment_year
),

after_fixes as (
    select f.region_code, f.assessment_year, f.running_iid, f.running_predicate
    from {{ ref('region_evidence_fixes') }} as f
    join fixes as x using (region_code, assessment_year)
    where f.fix_order = x.fixes_needed
),

basic as (
    select affair_code from {{ ref('affairs') }} where "group" = 'pelayanan_dasar'
),

covered as (
    select distinct portal_code as region_code, assessment_year, affair
    from {{ ref('int_innovation_eligibility') }}
    where ineligible_reason is null
),

missing as (
    select s.region_code, s.assessment_year, string_agg(b.affair_code, ',' order by b.affair_code) as affairs
    from standing as s
    cross join basic as b
    where s.basic_affairs_min is not null
        and not exists (
            select 1 from covered as c
            where c.region_code = s.region_code and c.assessment_year = s.assessment_year
                and c.affair = b.affair_code)
    group by s.region_code, s.assessment_year
),

regions as (
    select region_code, region_name, level from {{ ref('stg_reference__regions') }}
)

select
    s.region_code::text as region_code,
    s.assessment_year::integer as assessment_year,
    r.region_name::text as region_name,
    r.level::text as level,
    s.methodology_version::text as methodology_version,
    s.iid_score::numeric(5, 2) as iid_score,
    s.predicate::text as predicate,
    s.next_predicate::text as next_predicate,
    s.next_iid::numeric(5, 2) as next_iid,
    (s.next_iid - s.iid_score)::numeric(5, 2) as iid_lacking,
    (case when s.band_order is not null and s.next_predicate is null
        then s.iid_score - s.band_lower_bound end)::numeric(5, 2) as margin_above,
    coalesce(f.fixable_answers, 0)::integer as fixable_answers,
    coalesce(f.iid_if_all_fixed, s.iid_score)::numeric(5, 2) as iid_if_all_fixed,
    f.fixes_needed::integer as fixes_needed,
    (case when s.next_predicate is not null then f.fixes_needed is not null end)::boolean as reachable_by_evidence,
    a.running_iid::numeric(5, 2) as iid_after_fixes,
    a.running_predicate::text as predicate_after_fixes,
    s.basic_affairs_min::integer as basic_affairs_min,
    s.basic_affairs_covered::integer as basic_affairs_covered,
    m.affairs::text as basic_affairs_missing,
    s.withheld::numeric(12, 4) as count_points_withheld,
    round(s.withheld / s.max_total * 100, 4)::numeric(8, 4) as count_iid_withheld
from standing as s
join regions as r using (region_code)
left join fixes as f using (region_code, assessment_year)
left join after_fixes as a using (region_code, assessment_year)
left join missing as m using (region_code, assessment_year)
