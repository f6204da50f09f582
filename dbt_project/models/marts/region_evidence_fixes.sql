-- The answers that hold each region back: a level was given but its evidence is invalid or
-- missing, and the answer is part of the score (SPD, or SID of an eligible innovation). Each
-- with the IID points it would add if its evidence were valid, largest first, and the region's
-- IID and predicate once it and every larger one are valid. Fixing evidence changes no
-- eligibility, so the SID divisor and the count points stay as they are.
with standing as (
    select * from {{ ref('int_region_standing') }}
),

answers as (
    select
        region_code, assessment_year, 'SPD' as aspect, null::text as innovation_id, indicator_code, level,
        evidence_status, document_id, weight
    from {{ ref('int_profile_answers') }}
    where level is not null and evidence_status in ('invalid', 'missing')
    union all
    select
        a.region_code, a.assessment_year, 'SID', a.innovation_id, a.indicator_code, a.level,
        a.evidence_status, a.document_id, a.weight
    from {{ ref('int_innovation_answers') }} as a
    join {{ ref('int_innovation_eligibility') }} as e
        on e.innovation_id = a.innovation_id and e.portal_code = a.region_code
        and e.assessment_year = a.assessment_year
    where e.ineligible_reason is null and a.level is not null and a.evidence_status in ('invalid', 'missing')
),

valued as (
    select
        a.*,
        s.methodology_version,
        s.next_band_order,
        s.spd_exact,
        s.sid_sum_eligible,
        s.sid_count,
        s.sid_divisor,
        s.max_total,
        a.weight * a.level as score_if_valid,
        case when a.aspect = 'SPD' then a.weight * a.level else a.weight * a.level / s.sid_divisor end
            / s.max_total * 100 as iid_points_exact
    from answers as a
    join standing as s using (region_code, assessment_year)
),

ordered as (
    select
        *,
        row_number() over (
            partition by region_code, assessment_year
            order by iid_points_exact desc, aspect, innovation_id nulls first, indicator_code) as fix_order
    from valued
),

running as (
    select
        *,
        -- the total with fixes 1..fix_order valid, from the undivided parts as int_region_scores adds them
        round((spd_exact + sum(case when aspect = 'SPD' then score_if_valid else 0 end) over w
               + (sid_sum_eligible + sum(case when aspect = 'SID' then score_if_valid else 0 end) over w)
               / sid_divisor
               + sid_count) / max_total * 100, 2) as running_iid
    from ordered
    window w as (partition by region_code, assessment_year order by fix_order rows unbounded preceding)
),

judged as (
    select r.*, b.predicate as running_predicate, b.band_order <= r.next_band_order as reaches_next
    from running as r
    left join {{ ref('predicate_bands') }} as b
        on b.methodology_version = r.methodology_version and {{ in_band('r.running_iid', 'b') }}
),

first_reaching as (
    select region_code, assessment_year, min(fix_order) as fixes_needed
    from judged where reaches_next group by region_code, assessment_year
)

select
    j.region_code::text as region_code,
    j.assessment_year::integer as assessment_year,
    j.fix_order::integer as fix_order,
    j.aspect::text as aspect,
    j.innovation_id::text as innovation_id,
    j.indicator_code::text as indicator_code,
    j.level::integer as level,
    j.evidence_status::text as evidence_status,
    j.document_id::text as evidence_document_id,
    j.weight::numeric(6, 2) as weight,
    j.score_if_valid::numeric(8, 2) as score_if_valid,
    (case when j.aspect = 'SID' then j.sid_divisor end)::integer as sid_divisor,
    round(j.iid_points_exact, 4)::numeric(8, 4) as iid_points,
    j.running_iid::numeric(5, 2) as running_iid,
    j.running_predicate::text as running_predicate,
    coalesce(j.fix_order <= f.fixes_needed, false) as is_suggested
from judged as j
left join first_reaching as f using (region_code, assessment_year)
