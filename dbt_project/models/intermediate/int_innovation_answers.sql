-- One scored row per answer of each current innovation, with the evidence document and the
-- raw version it came from (lineage). Incremental: the pre-hook removes the answers of every
-- innovation with a newer latest version (an edit or a deletion), and all of them when the
-- seed's weights changed, and the build re-scores what is missing.
-- depends_on: {{ ref('int_innovation_latest_versions') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['innovation_id', 'region_code', 'assessment_year'],
        on_schema_change='append_new_columns',
        pre_hook="{{ remove_superseded_answers() }}",
    )
}}

with innovations as (
    select innovation_id, portal_code as region_code, assessment_year, landed_seq
    from {{ ref('int_innovations_current') }}
    {% if is_incremental() %}
    where landed_seq > (select coalesce(max(landed_seq), 0) from {{ this }})
    {% endif %}
)

select
    i.innovation_id,
    i.region_code,
    i.assessment_year,
    i.landed_seq,
    a.indicator_code,
    a.level,
    a.evidence_status,
    a.document_id,
    ind.weight,
    {{ score_answer('a.level', 'a.evidence_status', 'ind.weight') }} as score,
    {{ sid_weights_fingerprint() }} as weights_fingerprint
from innovations as i
join {{ ref('stg_portal__innovation_answers') }} as a on a.landed_seq = i.landed_seq
join {{ ref('iid_indicators') }} as ind on ind.indicator_code = a.indicator_code and ind.aspect = 'SID'
