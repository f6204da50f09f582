-- One row per SPD answer of each region's current profile, scored like SID answers.
with ranked as (
    select
        *,
        row_number() over (partition by portal_code, pulled_year order by updated_at desc, landed_seq desc) as rn
    from {{ ref('stg_portal__profile_versions') }}
),

current_profiles as (
    select portal_code as region_code, pulled_year as assessment_year, answers
    from ranked
    where rn = 1
),

scored as (
    {{ scored_answers('current_profiles', ['region_code', 'assessment_year'], 'SPD') }}
)

select * from scored
