-- One scored row per SPD answer of each scored region's current profile (its latest version).
with ranked as (
    select
        *,
        row_number() over (partition by portal_code, pulled_year order by updated_at desc, landed_seq desc) as rn
    from {{ ref('stg_portal__profile_versions') }}
    where portal_code in (select region_code from {{ ref('stg_reference__regions') }})
),

current_profiles as (
    select portal_code as region_code, pulled_year as assessment_year, landed_seq
    from ranked
    where rn = 1
)

select
    p.region_code,
    p.assessment_year,
    p.landed_seq,
    a.indicator_code,
    a.level,
    a.evidence_status,
    a.document_id,
    ind.weight,
    {{ score_answer('a.level', 'a.evidence_status', 'ind.weight') }} as score
from current_profiles as p
join {{ ref('stg_portal__profile_answers') }} as a on a.landed_seq = p.landed_seq
join {{ ref('iid_indicators') }} as ind on ind.indicator_code = a.indicator_code and ind.aspect = 'SPD'
