-- Every (assessment year, methodology version) pair the night scores: each year under the
-- version in force for it (is_year_version), and under every other version too, for
-- methodology_comparison. The parameters are the seed's, never literals.
select
    y.assessment_year,
    v.methodology_version,
    (v.methodology_version = y.methodology_version) as is_year_version,
    v.divisor_min,
    v.count_points,
    v.count_cap,
    v.basic_affairs_min,
    v.max_total
from {{ ref('int_assessment_years') }} as y
cross join {{ ref('methodology_versions') }} as v
