-- Every landed version of every region's SPD profile, v1 and v2 unified.
select
    landed_seq,
    run_id,
    fetched_at,
    portal_code,
    api_version,
    year as pulled_year,
    updated_at,
    case when api_version = 'v2' then payload ->> 'region_code' else payload ->> 'kode_wilayah' end as region_code,
    case when api_version = 'v2' then payload -> 'answers' else payload -> 'jawaban' end as answers
from {{ source('raw', 'profile_records') }}
