-- The current version of each innovation: its latest version, unless that is a deletion
-- (a portal's tombstone, or absence from a complete v1 pull). is_deleted is always false here.
{{ config(materialized='view') }}

select *
from {{ ref('int_innovation_latest_versions') }}
where not is_deleted
