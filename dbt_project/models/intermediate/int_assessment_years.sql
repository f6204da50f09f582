-- The years scored tonight: the night's year and every year with landed data,
-- each with the methodology version in force for it.
with years as (
    select {{ var('year') }}::integer as assessment_year
    union
    select distinct year from {{ source('raw', 'innovation_records') }}
    union
    select distinct year from {{ source('raw', 'profile_records') }}
)

select
    y.assessment_year,
    m.methodology_version,
    v.divisor_min,
    v.count_points,
    v.count_cap,
    v.basic_affairs_min,
    v.max_total,
    v.window_years
from years as y
join {{ ref('methodology_years') }} as m
    on y.assessment_year between m.year_from and m.year_to
join {{ ref('methodology_versions') }} as v
    on v.methodology_version = m.methodology_version
