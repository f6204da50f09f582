-- Each pull of each portal for an assessment year, as the extractor recorded it.
select
    run_id,
    portal_code,
    year as pulled_year,
    status,
    started_at,
    finished_at
from {{ source('ops', 'portal_health') }}
