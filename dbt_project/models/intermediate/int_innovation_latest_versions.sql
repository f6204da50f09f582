-- The latest version of each innovation (by updated_at, then landing order), tombstones
-- included so a deletion replaces what it deletes. Incremental: a night re-ranks only the
-- innovations with a version landed since the last build (raw is append-only and
-- landed_seq only grows), over all of their versions, since a late-landing version may be
-- older than the one already chosen.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['portal_code', 'assessment_year', 'innovation_id'],
        on_schema_change='fail',
    )
}}

with versions as (
    select * from {{ ref('stg_portal__innovation_versions') }}
),

{% if is_incremental() %}
changed as (
    select distinct portal_code, pulled_year, innovation_id
    from versions
    where landed_seq > (select coalesce(max(landed_seq), 0) from {{ this }})
),

candidates as (
    select v.*
    from versions as v
    join changed as c using (portal_code, pulled_year, innovation_id)
),
{% else %}
candidates as (
    select * from versions
),
{% endif %}

ranked as (
    select
        *,
        row_number() over (
            partition by portal_code, pulled_year, innovation_id
            order by updated_at desc, landed_seq desc
        ) as version_rank
    from candidates
)

select
    innovation_id,
    portal_code,
    pulled_year as assessment_year,
    region_code,
    reported_year,
    title,
    summary,
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
    deleted as is_deleted
from ranked
where version_rank = 1
