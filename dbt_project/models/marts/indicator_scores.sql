-- One row per answer (SPD answers of the region's profile, SID answers of each innovation),
-- so every number in region_index traces back to the answers, the evidence documents and
-- the raw record (raw_landed_seq) behind it. counts_for_score says whether the answer is
-- part of the region's score (SPD, or SID of an eligible innovation); iid_points is what it adds
-- to the region's IID (SID answers divided by the region's divisor), the unit the next steps use.
with standing as (
    select region_code, assessment_year, sid_divisor, max_total from {{ ref('int_region_standing') }}
)

select
    p.region_code::text as region_code,
    p.assessment_year::integer as assessment_year,
    'SPD'::text as aspect,
    null::text as innovation_id,
    p.indicator_code::text as indicator_code,
    p.level::integer as level,
    p.evidence_status::text as evidence_status,
    p.document_id::text as evidence_document_id,
    p.weight::numeric(6, 2) as weight,
    p.score::numeric(8, 2) as score,
    true as counts_for_score,
    round(p.score / s.max_total * 100, 4)::numeric(8, 4) as iid_points,
    p.landed_seq::bigint as raw_landed_seq
from {{ ref('int_profile_answers') }} as p
left join standing as s using (region_code, assessment_year)
union all
select
    a.region_code::text,
    a.assessment_year::integer,
    'SID'::text,
    a.innovation_id::text,
    a.indicator_code::text,
    a.level::integer,
    a.evidence_status::text,
    a.document_id::text,
    a.weight::numeric(6, 2),
    a.score::numeric(8, 2),
    (e.ineligible_reason is null),
    (case when e.ineligible_reason is null then round(a.score / s.sid_divisor / s.max_total * 100, 4) else 0 end)
        ::numeric(8, 4),
    a.landed_seq::bigint
from {{ ref('int_innovation_answers') }} as a
join {{ ref('int_innovation_eligibility') }} as e
    on e.innovation_id = a.innovation_id and e.portal_code = a.region_code and e.assessment_year = a.assessment_year
left join standing as s on s.region_code = a.region_code and s.assessment_year = a.assessment_year
