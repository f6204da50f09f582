-- One row per innovation that is the same idea as innovations of other regions: which idea
-- (cluster), whether it is where the idea started (its origin: the earliest implementation),
-- how close it is to the origin and why it was matched (evidence). include/replication finds them.
with members as (
    select * from {{ source('analysis', '_replication_members') }}
),

origins as (
    select cluster_id, assessment_year, region_code as origin_region_code,
        coalesce(implementation_date, trial_date) as origin_date
    from members
    where is_origin
)

select
    m.innovation_id::text as innovation_id,
    m.region_code::text as region_code,
    r.region_name::text as region_name,
    m.assessment_year::integer as assessment_year,
    m.cluster_id::text as cluster_id,
    m.is_origin::boolean as is_origin,
    m.similarity::numeric(5, 4) as similarity,
    m.evidence::text as evidence,
    i.title::text as title,
    m.affair::text as affair,
    m.implementation_date::date as implementation_date,
    m.trial_date::date as trial_date,
    o.origin_region_code::text as origin_region_code,
    (coalesce(m.implementation_date, m.trial_date) - o.origin_date)::integer as days_after_origin,
    i.is_eligible::boolean as is_eligible
from members as m
join origins as o using (cluster_id, assessment_year)
join {{ ref('innovation_scores') }} as i using (innovation_id, region_code, assessment_year)
join {{ ref('stg_reference__regions') }} as r using (region_code)
