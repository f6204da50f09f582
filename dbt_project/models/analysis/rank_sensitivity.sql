-- How much of the rank variance of each level each uncertain choice explains (Sobol indices).
select
    assessment_year::integer as assessment_year,
    level::text as level,
    methodology_version::text as methodology_version,
    assumption::text as assumption,
    parameter::text as parameter,
    indicator_code::text as indicator_code,
    first_order::double precision as first_order,
    total_order::double precision as total_order,
    rank_variance::double precision as rank_variance,
    sobol_n::integer as sobol_n,
    evaluations::integer as evaluations,
    seed::bigint as seed
from {{ source('analysis', '_rank_sensitivity') }}
