-- SPD per region and year: the sum of its profile's indicator scores.
select
    region_code,
    assessment_year,
    sum(score) as spd_score
from {{ ref('int_profile_answers') }}
group by region_code, assessment_year
