-- How fresh each scored region's data is, per assessment year (METHODOLOGY.md, "When a
-- portal fails"): complete when the latest pull of its portal for the year succeeded;
-- stale when it failed, was partial or was rejected but an earlier pull completed;
-- never_extracted when no pull ever completed. It explains a score, never changes one.
with pulls as (
    select * from {{ ref('stg_ops__portal_pulls') }}
),

latest as (
    select distinct on (portal_code, pulled_year)
        portal_code, pulled_year, status
    from pulls
    order by portal_code, pulled_year, started_at desc, finished_at desc
),

complete as (
    select portal_code, pulled_year, max(finished_at) as last_complete_pull_at
    from pulls
    where status = 'success'
    group by portal_code, pulled_year
)

select
    r.region_code,
    y.assessment_year,
    case
        when l.status = 'success' then 'complete'
        when c.last_complete_pull_at is not null then 'stale'
        else 'never_extracted'
    end as data_status,
    c.last_complete_pull_at
from {{ ref('stg_reference__regions') }} as r
cross join {{ ref('int_assessment_years') }} as y
left join latest as l on l.portal_code = r.region_code and l.pulled_year = y.assessment_year
left join complete as c on c.portal_code = r.region_code and c.pulled_year = y.assessment_year
