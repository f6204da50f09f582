-- Every landed version of every innovation, v1 and v2 unified into one typed shape.
with source as (
    select * from {{ source('raw', 'innovation_records') }}
),

unified as (
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
        case when api_version = 'v2' then payload ->> 'region_code' else payload ->> 'kode_wilayah' end as region_code,
        (case when api_version = 'v2' then payload ->> 'year' else payload ->> 'tahun' end)::integer as reported_year,
        case when api_version = 'v2' then payload ->> 'title' else payload ->> 'nama' end as title,
        case when api_version = 'v2' then payload ->> 'form' else payload ->> 'bentuk' end as form,
        case when api_version = 'v2' then payload ->> 'kind' else payload ->> 'jenis' end as kind,
        case when api_version = 'v2' then payload ->> 'initiator' else payload ->> 'inisiator' end as initiator,
        case when api_version = 'v2' then payload ->> 'affair' else payload ->> 'urusan' end as affair,
        case when api_version = 'v2' then payload ->> 'stage' else payload ->> 'tahapan' end as stage,
        (case when api_version = 'v2' then payload ->> 'trial_date' else payload ->> 'tgl_uji_coba' end)::date as trial_date,
        (case when api_version = 'v2' then payload ->> 'implementation_date' else payload ->> 'tgl_penerapan' end)::date
            as implementation_date,
        case when api_version = 'v2' then payload -> 'answers' else payload -> 'jawaban' end as answers
    from source
)

select * from unified
