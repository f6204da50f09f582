-- The current innovations that are scored: each one's latest version, unless that is a
-- deletion (a tombstone, or absence from a complete v1 pull), from the portals of scored
-- regions only. A registered portal of an unscored region (Jakarta's administrative
-- cities) is landed and kept in raw, and stops here.
{{ config(materialized='view') }}

select v.*
from {{ ref('int_innovation_latest_versions') }} as v
where not v.is_deleted
    and v.portal_code in (select region_code from {{ ref('stg_reference__regions') }})
