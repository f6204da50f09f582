-- The current version of each innovation: the latest by updated_at (then by landing
-- order), with portal tombstones and v1 deletions applied.
with ranked as (
    select
        *,
        row_number() over (
            partition by portal_code, pulled_year, innovation_id
            order by updated_at desc, landed_seq desc
        ) as version_rank
    from {{ ref('stg_portal__innovation_versions') }}
)

select
    innovation_id,
    portal_code,
    pulled_year as assessment_year,
    region_code,
    reported_year,
    title,
    form,
    kind,
    initiator,
    affair,
    stage,
    trial_date,
    implementation_date,
    updated_at,
    api_version,
    landed_seq,
    answers
from ranked
where version_rank = 1 and not deleted
