-- How far to trust each rank: the 90 % interval of the region's rank within its level and of
-- its IID, and the chance of each predicate, over Monte Carlo draws of the methodology's
-- uncertain choices (seed uncertainty_assumptions; include/uncertainty computes them).
select
    u.region_code::text as region_code,
    r.region_name::text as region_name,
    u.assessment_year::integer as assessment_year,
    u.level::text as level,
    u.methodology_version::text as methodology_version,
    r.rank_level::integer as rank_level,
    u.rank_median::integer as rank_median,
    u.rank_p05::integer as rank_p05,
    u.rank_p95::integer as rank_p95,
    r.iid_score::numeric(5, 2) as iid_score,
    u.score_p05::numeric(5, 2) as score_p05,
    u.score_p95::numeric(5, 2) as score_p95,
    r.predicate::text as predicate,
    u.p_sangat_inovatif::double precision as p_sangat_inovatif,
    u.p_inovatif::double precision as p_inovatif,
    u.p_kurang_inovatif::double precision as p_kurang_inovatif,
    u.p_tidak_dapat_dinilai::double precision as p_tidak_dapat_dinilai,
    u.predicate_uncertain::boolean as predicate_uncertain,
    u.draws::integer as draws,
    u.seed::bigint as seed
from {{ source('analysis', '_rank_uncertainty') }} as u
join {{ ref('region_index') }} as r using (region_code, assessment_year)
