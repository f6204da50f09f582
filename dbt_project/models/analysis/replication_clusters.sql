-- One row per idea that spread: where it started, which regions took it up and when.
with members as (
    select * from {{ ref('innovation_replications') }}
)

select
    cluster_id::text as cluster_id,
    assessment_year::integer as assessment_year,
    (array_agg(title order by is_origin desc, innovation_id))[1]::text as idea,
    (array_agg(innovation_id order by is_origin desc, innovation_id))[1]::text as origin_innovation_id,
    (array_agg(region_code order by is_origin desc, innovation_id))[1]::text as origin_region_code,
    (array_agg(region_name order by is_origin desc, innovation_id))[1]::text as origin_region_name,
    (array_agg(affair order by is_origin desc, innovation_id))[1]::text as affair,
    count(*)::integer as innovations,
    count(distinct region_code)::integer as regions,
    count(distinct split_part(region_code, '.', 1))::integer as provinces,
    array_agg(region_code order by coalesce(implementation_date, trial_date), region_code)::text[] as region_codes,
    min(coalesce(implementation_date, trial_date))::date as first_implemented,
    max(coalesce(implementation_date, trial_date))::date as last_implemented,
    (max(coalesce(implementation_date, trial_date)) - min(coalesce(implementation_date, trial_date)))::integer
        as spread_days,
    round(avg(similarity) filter (where not is_origin), 4)::numeric(5, 4) as mean_similarity
from members
group by cluster_id, assessment_year
