-- A hash of the seed rows that score each methodology version (its parameters, its bands,
-- the indicators and their weights, the basic affairs, the predicates): region_index
-- carries it, so a score can be traced to the exact rules that made it.
with versions as (
    select methodology_version, row_to_json(v)::text as part
    from {{ ref('methodology_versions') }} as v
),

bands as (
    select methodology_version, string_agg(row_to_json(b)::text, '|' order by b.band_order) as part
    from {{ ref('predicate_bands') }} as b
    group by methodology_version
),

shared as (
    select
        (select string_agg(row_to_json(i)::text, '|' order by i.indicator_code) from {{ ref('iid_indicators') }} as i)
        || '#' || (select string_agg(row_to_json(a)::text, '|' order by a.affair_code) from {{ ref('affairs') }} as a)
        || '#' || (select string_agg(row_to_json(p)::text, '|' order by p.predicate_order) from {{ ref('predicates') }} as p)
        as part
)

select
    v.methodology_version,
    md5(v.part || '#' || coalesce(b.part, '') || '#' || s.part) as methodology_hash
from versions as v
left join bands as b using (methodology_version)
cross join shared as s
