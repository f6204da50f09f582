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

answers as (
    select
        p.region_code,
        p.assessment_year,
        coalesce(a ->> 'indicator', a ->> 'indikator') as indicator_code,
        coalesce(a ->> 'level', a ->> 'nilai')::integer as level,
        coalesce(a -> 'evidence' ->> 'status', a ->> 'status_bukti') as evidence_status,
        coalesce(a -> 'evidence' ->> 'document_id', a ->> 'id_dokumen') as document_id
    from current_profiles as p
    cross join lateral jsonb_array_elements(p.answers) as a
)

select
    a.*,
    ind.weight,
    case
        when a.level is not null and a.evidence_status = 'valid' then ind.weight * a.level
        else 0
    end::numeric(8, 2) as score
from answers as a
join {{ ref('iid_indicators') }} as ind
    on ind.indicator_code = a.indicator_code and ind.aspect = 'SPD'
