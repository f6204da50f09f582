-- One row per answer of each current innovation, scored (macros/scored_answers.sql).
-- Incremental: the pre-hook removes the answers of every innovation with a newer latest
-- version (an edit or a deletion) and the build re-scores the current ones among them.
-- depends_on: {{ ref('int_innovation_latest_versions') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['innovation_id', 'region_code', 'assessment_year'],
        on_schema_change='fail',
        pre_hook="{{ remove_superseded_answers() }}",
    )
}}

with innovations as (
    select innovation_id, portal_code as region_code, assessment_year, landed_seq, answers
    from {{ ref('int_innovations_current') }}
    {% if is_incremental() %}
    where landed_seq > (select coalesce(max(landed_seq), 0) from {{ this }})
    {% endif %}
),

scored as (
    {{ scored_answers('innovations', ['innovation_id', 'region_code', 'assessment_year', 'landed_seq'], 'SID') }}
)

select * from scored
