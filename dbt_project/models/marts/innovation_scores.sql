-- One row per current innovation of a scored region: whether it counts, why not, and its SID sum.
with sums as (
    select innovation_id, region_code, assessment_year, sum(score) as sid_sum, count(*) as n_answers
    from {{ ref('int_innovation_answers') }}
    group by innovation_id, region_code, assessment_year
)

select
    e.innovation_id::text as innovation_id,
    e.portal_code::text as region_code,
    e.assessment_year::integer as assessment_year,
    c.title::text as title,
    c.summary::text as summary,
    c.form::text as form,
    c.kind::text as kind,
    c.initiator::text as initiator,
    c.affair::text as affair,
    c.stage::text as stage,
    c.trial_date::date as trial_date,
    c.implementation_date::date as implementation_date,
    c.updated_at::timestamptz as updated_at,
    c.api_version::text as api_version,
    c.landed_seq::bigint as raw_landed_seq,
    (e.ineligible_reason is null)::boolean as is_eligible,
    e.ineligible_reason::text as ineligible_reason,
    coalesce(s.sid_sum, 0)::numeric(12, 4) as sid_sum,
    coalesce(s.n_answers, 0)::integer as n_answers
from {{ ref('int_innovation_eligibility') }} as e
join {{ ref('int_innovations_current') }} as c
    on c.innovation_id = e.innovation_id and c.portal_code = e.portal_code
    and c.assessment_year = e.assessment_year
left join sums as s
    on s.innovation_id = e.innovation_id and s.region_code = e.portal_code
    and s.assessment_year = e.assessment_year
