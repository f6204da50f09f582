-- One row per indicator answer of every landed profile version, both flavours decoded.
select
    r.landed_seq,
    a ->> (case when r.api_version = 'v2' then 'indicator' else 'indikator' end) as indicator_code,
    ops.safe_integer(a ->> (case when r.api_version = 'v2' then 'level' else 'nilai' end)) as level,
    case when r.api_version = 'v2' then a -> 'evidence' ->> 'status' else a ->> 'status_bukti' end
        as evidence_status,
    case when r.api_version = 'v2' then a -> 'evidence' ->> 'document_id' else a ->> 'id_dokumen' end
        as document_id
from {{ source('raw', 'profile_records') }} as r
cross join lateral jsonb_array_elements(
    case when jsonb_typeof(r.payload -> (case when r.api_version = 'v2' then 'answers' else 'jawaban' end)) = 'array'
        then r.payload -> (case when r.api_version = 'v2' then 'answers' else 'jawaban' end)
        else '[]'::jsonb end
) as a
