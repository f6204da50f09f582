-- Every landed version of every innovation, v1 and v2 decoded into one typed shape. This is
-- the one place that knows the two flavours' field names (answers: stg_portal__innovation_answers).
-- Casts go through ops.safe_* (they cannot fail): the contract already refused what they would null.
with source as (
    select * from {{ source('raw', 'innovation_records') }}
),

decoded as (
    select
        landed_seq,
        run_id,
        fetched_at,
        portal_code,
        api_version,
        origin,
        year as pulled_year,
        record_id as innovation_id,
        updated_at,
        deleted,
        payload ->> (case when api_version = 'v2' then 'region_code' else 'kode_wilayah' end) as region_code,
        ops.safe_integer(payload ->> (case when api_version = 'v2' then 'year' else 'tahun' end)) as reported_year,
        payload ->> (case when api_version = 'v2' then 'title' else 'nama' end) as title,
        payload ->> (case when api_version = 'v2' then 'summary' else 'ringkasan' end) as summary,
        payload ->> (case when api_version = 'v2' then 'form' else 'bentuk' end) as form,
        payload ->> (case when api_version = 'v2' then 'kind' else 'jenis' end) as kind,
        payload ->> (case when api_version = 'v2' then 'initiator' else 'inisiator' end) as initiator,
        payload ->> (case when api_version = 'v2' then 'affair' else 'urusan' end) as affair,
        payload ->> (case when api_version = 'v2' then 'stage' else 'tahapan' end) as stage,
        ops.safe_date(payload ->> (case when api_version = 'v2' then 'trial_date' else 'tgl_uji_coba' end))
            as trial_date,
        ops.safe_date(payload ->> (case when api_version = 'v2' then 'implementation_date' else 'tgl_penerapan' end))
            as implementation_date
    from source
)

select * from decoded
