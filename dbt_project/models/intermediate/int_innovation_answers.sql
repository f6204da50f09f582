-- One row per answer of each current innovation, scored: weight x level when the
-- evidence is valid, 0 when the level is missing or the evidence invalid or missing.
with innovations as (
    select innovation_id, portal_code, assessment_year, answers
    from {{ ref('int_innovations_current') }}
),

answers as (
    select
        i.innovation_id,
        i.portal_code as region_code,
        i.assessment_year,
        coalesce(a ->> 'indicator', a ->> 'indikator') as indicator_code,
        coalesce(a ->> 'level', a ->> 'nilai')::integer as level,
        coalesce(a -> 'evidence' ->> 'status', a ->> 'status_bukti') as evidence_status,
        coalesce(a -> 'evidence' ->> 'document_id', a ->> 'id_dokumen') as document_id
    from innovations as i
    cross join lateral jsonb_array_elements(i.answers) as a
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
    on ind.indicator_code = a.indicator_code and ind.aspect = 'SID'
