-- Every landed version of every region's SPD profile, v1 and v2 decoded.
select
    landed_seq,
    run_id,
    fetched_at,
    portal_code,
    api_version,
    year as pulled_year,
    updated_at,
    payload ->> (case when api_version = 'v2' then 'region_code' else 'kode_wilayah' end) as region_code
from {{ source('raw', 'profile_records') }}
