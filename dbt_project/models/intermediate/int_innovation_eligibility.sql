-- Whether each current innovation counts for its assessment year, and if not, why.
with innovations as (
    select * from {{ ref('int_innovations_current') }}
),

years as (
    select * from {{ ref('int_assessment_years') }}
)

select
    i.innovation_id,
    i.portal_code,
    i.assessment_year,
    i.region_code,
    i.affair,
    i.stage,
    i.implementation_date,
    y.methodology_version,
    case
        when i.region_code is distinct from i.portal_code then 'reported by another region''s portal'
        when i.reported_year is distinct from i.assessment_year then 'reported for another assessment year'
        when i.stage <> 'penerapan' then 'stage ' || i.stage || ' is not penerapan'
        when i.implementation_date is null then 'no implementation date'
        when i.implementation_date < make_date(i.assessment_year - y.window_years, 1, 1)
            then 'implemented before the window'
        when i.implementation_date > make_date(i.assessment_year - 1, 12, 31)
            then 'implemented after the window'
    end as ineligible_reason
from innovations as i
join years as y on y.assessment_year = i.assessment_year
