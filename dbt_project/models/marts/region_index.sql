-- The index: one row per scored region per assessment year (METHODOLOGY.md, Formulas).
with regions as (
    select * from {{ ref('stg_reference__regions') }}
),

years as (
    select * from {{ ref('int_assessment_years') }}
),

components as (
    select
        r.*,
        y.assessment_year,
        y.methodology_version,
        coalesce(spd.spd_score, 0) as spd_score,
        coalesce(sid.n_reported, 0) as n_reported,
        coalesce(sid.n_eligible, 0) as n_eligible,
        coalesce(sid.sid_sum_eligible, 0) / greatest(y.divisor_min, coalesce(sid.n_eligible, 0)) as sid_quality,
        case
            when y.basic_affairs_min is not null
                and coalesce(sid.basic_affairs_covered, 0) < y.basic_affairs_min then 0
            else least(coalesce(sid.n_eligible, 0), y.count_cap) * y.count_points
        end as sid_count,
        coalesce(sid.basic_affairs_covered, 0) as basic_affairs_covered,
        inputs.inputs_fingerprint,
        y.max_total
    from regions as r
    cross join years as y
    left join {{ ref('int_region_spd') }} as spd
        on spd.region_code = r.region_code and spd.assessment_year = y.assessment_year
    left join {{ ref('int_region_sid') }} as sid
        on sid.region_code = r.region_code and sid.assessment_year = y.assessment_year
    left join {{ ref('int_region_inputs') }} as inputs
        on inputs.region_code = r.region_code and inputs.assessment_year = y.assessment_year
),

scored as (
    select
        *,
        sid_quality + sid_count as sid_score,
        spd_score + sid_quality + sid_count as total_score,
        -- numeric round() is half away from zero: half-up for these non-negative scores
        round((spd_score + sid_quality + sid_count) / max_total * 100, 2) as iid_score
    from components
),

predicated as (
    select
        s.*,
        case
            when s.total_score = 0 then 'Tidak Dapat Dinilai'
            else b.predicate
        end as predicate
    from scored as s
    left join {{ ref('predicate_bands') }} as b
        on b.methodology_version = s.methodology_version
        and (s.iid_score > b.lower_bound or (b.lower_inclusive and s.iid_score = b.lower_bound))
        and (s.iid_score < b.upper_bound or (b.upper_inclusive and s.iid_score = b.upper_bound))
),

ranked as (
    select
        p.*,
        p.predicate <> 'Tidak Dapat Dinilai' as is_ranked
    from predicated as p
)

select
    region_code::text as region_code,
    assessment_year::integer as assessment_year,
    region_name::text as region_name,
    level::text as level,
    province_code::text as province_code,
    province_name::text as province_name,
    island_group::text as island_group,
    is_tertinggal::boolean as is_tertinggal,
    is_papua::boolean as is_papua,
    methodology_version::text as methodology_version,
    round(spd_score, 4)::numeric(12, 4) as spd_score,
    round(sid_quality, 4)::numeric(12, 4) as sid_quality,
    round(sid_count, 4)::numeric(12, 4) as sid_count,
    round(sid_score, 4)::numeric(12, 4) as sid_score,
    round(total_score, 4)::numeric(12, 4) as total_score,
    iid_score::numeric(5, 2) as iid_score,
    predicate::text as predicate,
    n_reported::integer as n_reported,
    n_eligible::integer as n_eligible,
    basic_affairs_covered::integer as basic_affairs_covered,
    (case when is_ranked then rank() over (
        partition by assessment_year, level, is_ranked order by iid_score desc) end)::integer as rank_level,
    (case when is_ranked then rank() over (
        partition by assessment_year, level, island_group, is_ranked order by iid_score desc) end)::integer
        as rank_island,
    (case when is_ranked and is_tertinggal then rank() over (
        partition by assessment_year, is_tertinggal, is_ranked order by iid_score desc) end)::integer
        as rank_tertinggal,
    (case when is_ranked and is_papua then rank() over (
        partition by assessment_year, is_papua, is_ranked order by iid_score desc) end)::integer as rank_papua,
    inputs_fingerprint::text as inputs_fingerprint
from ranked
