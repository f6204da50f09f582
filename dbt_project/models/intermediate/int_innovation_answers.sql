-- One row per answer of each current innovation, scored (macros/scored_answers.sql).
with innovations as (
    select innovation_id, portal_code as region_code, assessment_year, answers
    from {{ ref('int_innovations_current') }}
),

scored as (
    {{ scored_answers('innovations', ['innovation_id', 'region_code', 'assessment_year'], 'SID') }}
)

select * from scored
