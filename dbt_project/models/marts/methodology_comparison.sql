-- Each assessment year scored under its own methodology version beside every other version:
-- "what would 2025 look like under the 2026 rules?", region by region, predicate by predicate.
with scores as (
    select * from {{ ref('int_region_scores') }}
)

select
    own.region_code::text as region_code,
    r.region_name::text as region_name,
    r.level::text as level,
    own.assessment_year::integer as assessment_year,
    own.methodology_version::text as methodology_version,
    own.iid_score::numeric(5, 2) as iid_score,
    own.predicate::text as predicate,
    other.methodology_version::text as compared_version,
    other.iid_score::numeric(5, 2) as compared_iid_score,
    other.predicate::text as compared_predicate,
    (other.iid_score - own.iid_score)::numeric(6, 2) as iid_difference,
    (other.predicate <> own.predicate)::boolean as predicate_changes
from scores as own
join scores as other
    on other.region_code = own.region_code and other.assessment_year = own.assessment_year
    and not other.is_year_version
join {{ ref('stg_reference__regions') }} as r on r.region_code = own.region_code
where own.is_year_version
