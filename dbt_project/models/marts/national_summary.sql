-- The national picture per assessment year, for each level and for all levels together
-- ('all'): regions, how many were assessed (an assessed predicate), the mean and median IID
-- of the assessed ones, and the count of each predicate. The gate's mean-shift rule, the
-- publication log and the report read these finished columns; nobody recomputes them.
with regions as (
    select r.*, p.is_assessed
    from {{ ref('region_index') }} as r
    join {{ ref('predicates') }} as p using (predicate)
),

levels as (
    select assessment_year, level, methodology_version, iid_score, is_assessed, predicate from regions
    union all
    select assessment_year, 'all', methodology_version, iid_score, is_assessed, predicate from regions
),

predicate_counts as (
    select assessment_year, level, jsonb_object_agg(predicate, regions order by predicate) as predicate_counts
    from (
        select assessment_year, level, predicate, count(*) as regions
        from levels
        group by assessment_year, level, predicate
    ) as counted
    group by assessment_year, level
),

summary as (
    select
        assessment_year,
        level,
        max(methodology_version) as methodology_version,
        count(*) as regions,
        count(*) filter (where is_assessed) as assessed,
        round(avg(iid_score) filter (where is_assessed), 2) as mean_iid,
        percentile_cont(0.5) within group (order by iid_score) filter (where is_assessed) as median_iid
    from levels
    group by assessment_year, level
)

select
    s.assessment_year::integer as assessment_year,
    s.level::text as level,
    s.methodology_version::text as methodology_version,
    s.regions::integer as regions,
    s.assessed::integer as assessed,
    s.mean_iid::numeric(6, 2) as mean_iid,
    round(s.median_iid::numeric, 2)::numeric(6, 2) as median_iid,
    p.predicate_counts::jsonb as predicate_counts
from summary as s
join predicate_counts as p using (assessment_year, level)
