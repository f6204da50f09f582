-- Per scored region and year: innovations it took up from elsewhere, its own ideas others took
-- up, and how many other regions did. Every scored region has a row (zeros when none).
with members as (
    select * from {{ ref('innovation_replications') }}
),

adopted as (  -- an idea another region started (a second copy in the origin's own region is not one)
    select region_code, assessment_year, count(*) as replicated_from_elsewhere
    from members
    where not is_origin and region_code <> origin_region_code
    group by 1, 2
),

originated as (
    select
        o.region_code,
        o.assessment_year,
        count(distinct o.cluster_id) as own_ideas_replicated,
        count(distinct a.region_code) as adopting_regions
    from members as o
    join members as a on a.cluster_id = o.cluster_id and a.assessment_year = o.assessment_year
        and not a.is_origin and a.region_code <> o.region_code
    where o.is_origin
    group by 1, 2
)

select
    r.region_code::text as region_code,
    r.region_name::text as region_name,
    y.assessment_year::integer as assessment_year,
    coalesce(a.replicated_from_elsewhere, 0)::integer as replicated_from_elsewhere,
    coalesce(o.own_ideas_replicated, 0)::integer as own_ideas_replicated,
    coalesce(o.adopting_regions, 0)::integer as adopting_regions
from {{ ref('stg_reference__regions') }} as r
cross join (select distinct assessment_year from {{ ref('region_index') }}) as y
left join adopted as a on a.region_code = r.region_code and a.assessment_year = y.assessment_year
left join originated as o on o.region_code = r.region_code and o.assessment_year = y.assessment_year
