-- The index: one row per scored region per assessment year, scored under the year's own
-- methodology version (int_region_scores holds the formulas), with its ranks, how fresh its
-- data is, and its lineage (the rules' hash and the platform's commit).
with scores as (
    select * from {{ ref('int_region_scores') }} where is_year_version
),

assessed as (
    select predicate from {{ ref('predicates') }} where is_assessed
),

regions as (
    select * from {{ ref('stg_reference__regions') }}
),

ranked as (
    select
        s.*,
        r.region_name,
        r.level,
        r.province_code,
        r.province_name,
        r.island_group,
        r.is_tertinggal,
        r.is_papua,
        s.predicate in (select predicate from assessed) as is_ranked
    from scores as s
    join regions as r using (region_code)
)

select
    k.region_code::text as region_code,
    k.assessment_year::integer as assessment_year,
    k.region_name::text as region_name,
    k.level::text as level,
    k.province_code::text as province_code,
    k.province_name::text as province_name,
    k.island_group::text as island_group,
    k.is_tertinggal::boolean as is_tertinggal,
    k.is_papua::boolean as is_papua,
    k.methodology_version::text as methodology_version,
    k.spd_score::numeric(12, 4) as spd_score,
    k.sid_quality::numeric(12, 4) as sid_quality,
    k.sid_count::numeric(12, 4) as sid_count,
    k.sid_score::numeric(12, 4) as sid_score,
    k.total_score::numeric(12, 4) as total_score,
    k.iid_score::numeric(5, 2) as iid_score,
    k.predicate::text as predicate,
    k.n_reported::integer as n_reported,
    k.n_eligible::integer as n_eligible,
    k.sid_divisor::integer as sid_divisor,
    k.basic_affairs_covered::integer as basic_affairs_covered,
    (case when k.is_ranked then rank() over (
        partition by k.assessment_year, k.level, k.is_ranked order by k.iid_score desc) end)::integer as rank_level,
    (case when k.is_ranked then rank() over (
        partition by k.assessment_year, k.level, k.island_group, k.is_ranked order by k.iid_score desc) end)::integer
        as rank_island,
    (case when k.is_ranked and k.level <> 'provinsi' then rank() over (
        partition by k.assessment_year, k.province_code, k.level = 'provinsi', k.is_ranked
        order by k.iid_score desc) end)::integer as rank_province,
    (case when k.is_ranked and k.is_tertinggal then rank() over (
        partition by k.assessment_year, k.is_tertinggal, k.is_ranked order by k.iid_score desc) end)::integer
        as rank_tertinggal,
    (case when k.is_ranked and k.is_papua then rank() over (
        partition by k.assessment_year, k.is_papua, k.is_ranked order by k.iid_score desc) end)::integer
        as rank_papua,
    d.data_status::text as data_status,
    d.last_complete_pull_at::timestamptz as last_complete_pull_at,
    i.inputs_fingerprint::text as inputs_fingerprint,
    f.methodology_hash::text as methodology_hash,
    '{{ var("code_version") }}'::text as code_version
from ranked as k
left join {{ ref('int_region_data_status') }} as d using (region_code, assessment_year)
left join {{ ref('int_region_inputs') }} as i using (region_code, assessment_year)
left join {{ ref('int_methodology_fingerprints') }} as f using (methodology_version)
