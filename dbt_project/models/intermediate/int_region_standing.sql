-- Where each region stands under its year's methodology version and the band above it: the
-- parts of its total the next steps add to (SPD, the undivided SID sum, the count points), its
-- band and the next one. Tidak Dapat Dinilai's next band is the lowest assessed one (any
-- positive total reaches it). Every edge comes from the seed predicate_bands.
with scores as (
    select * from {{ ref('int_region_scores') }} where is_year_version
),

versions as (
    select * from {{ ref('int_scoring_versions') }} where is_year_version
),

bands as (
    select * from {{ ref('predicate_bands') }}
),

lowest as (
    select methodology_version, max(band_order) as band_order from bands group by methodology_version
)

select
    s.region_code,
    s.assessment_year,
    s.methodology_version,
    s.iid_score,
    s.predicate,
    s.n_eligible,
    s.sid_divisor,
    s.basic_affairs_covered,
    v.max_total,
    v.count_cap,
    v.count_points,
    v.basic_affairs_min,
    -- the exact parts of the total (int_region_scores publishes them rounded to 4 decimals)
    coalesce(spd.spd_score, 0) as spd_exact,
    coalesce(sid.sid_sum_eligible, 0) as sid_sum_eligible,
    s.sid_count,
    cur.band_order,
    cur.lower_bound as band_lower_bound,
    nxt.predicate as next_predicate,
    nxt.band_order as next_band_order,
    -- the lowest IID of the next band, on the published 2-decimal grid (METHODOLOGY.md's rounding)
    case
        when cur.band_order is null then null
        when nxt.lower_inclusive then nxt.lower_bound
        else nxt.lower_bound + 0.01
    end as next_iid
from scores as s
join versions as v using (assessment_year, methodology_version)
left join {{ ref('int_region_spd') }} as spd using (region_code, assessment_year)
left join {{ ref('int_region_sid') }} as sid using (region_code, assessment_year)
left join bands as cur on cur.methodology_version = s.methodology_version and cur.predicate = s.predicate
left join lowest as lo on lo.methodology_version = s.methodology_version
left join bands as nxt
    on nxt.methodology_version = s.methodology_version
    and nxt.band_order = case when cur.band_order is null then lo.band_order else cur.band_order - 1 end
