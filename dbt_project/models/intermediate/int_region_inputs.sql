-- A fingerprint of everything a region's score is computed from: the versions of its
-- current innovations, of its profile, and the methodology version. The gate blocks a
-- night in which a region's score moved although this fingerprint did not.
with innovations as (
    select
        portal_code as region_code,
        assessment_year,
        string_agg(innovation_id || '@' || landed_seq, ',' order by innovation_id) as versions
    from {{ ref('int_innovations_current') }}
    group by 1, 2
),

profiles as (
    select portal_code as region_code, pulled_year as assessment_year, max(landed_seq) as profile_seq
    from {{ ref('stg_portal__profile_versions') }}
    group by 1, 2
)

select
    y.assessment_year,
    r.region_code,
    md5(
        y.methodology_version || '|' || coalesce(p.profile_seq::text, '-') || '|' || coalesce(i.versions, '')
    ) as inputs_fingerprint
from {{ ref('stg_reference__regions') }} as r
cross join {{ ref('int_assessment_years') }} as y
left join innovations as i on i.region_code = r.region_code and i.assessment_year = y.assessment_year
left join profiles as p on p.region_code = r.region_code and p.assessment_year = y.assessment_year
