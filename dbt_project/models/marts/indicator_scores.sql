-- One row per answer (SPD answers of the region's profile, SID answers of each innovation),
-- so every number in region_index traces back to the answers behind it.
select
    region_code::text as region_code,
    assessment_year::integer as assessment_year,
    'SPD'::text as aspect,
    null::text as innovation_id,
    indicator_code::text as indicator_code,
    level::integer as level,
    evidence_status::text as evidence_status,
    weight::numeric(6, 2) as weight,
    score::numeric(8, 2) as score
from {{ ref('int_profile_answers') }}
union all
select
    region_code::text,
    assessment_year::integer,
    'SID'::text,
    innovation_id::text,
    indicator_code::text,
    level::integer,
    evidence_status::text,
    weight::numeric(6, 2),
    score::numeric(8, 2)
from {{ ref('int_innovation_answers') }}
