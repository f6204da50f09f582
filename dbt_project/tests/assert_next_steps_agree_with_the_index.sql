-- The next steps speak of the published index: the same regions, IID and predicate as
-- region_index; below the top band the region lacks a positive number of points, and the
-- suggested fixes reach the next band's lowest IID; at the top its margin is not negative.
select n.region_code, n.assessment_year, 'differs from region_index' as problem
from {{ ref('region_next_steps') }} as n
full join {{ ref('region_index') }} as r using (region_code, assessment_year)
where r.region_code is null or n.region_code is null
    or r.iid_score <> n.iid_score or r.predicate <> n.predicate
union all
select region_code, assessment_year, 'lacks no points below the top band'
from {{ ref('region_next_steps') }}
where iid_lacking <= 0
union all
select region_code, assessment_year, 'suggested fixes do not reach the next band'
from {{ ref('region_next_steps') }}
where fixes_needed is not null and (iid_after_fixes < next_iid or fixes_needed > fixable_answers)
union all
select region_code, assessment_year, 'negative margin at the top band'
from {{ ref('region_next_steps') }}
where margin_above < 0
