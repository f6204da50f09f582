-- METHODOLOGY.md invariants: 0 <= SPD <= 63, 0 <= SID_quality <= 111, 0 <= SID_count <= 76, 0 <= IID <= 100.
select r.*
from {{ ref('region_index') }} as r
join {{ ref('methodology_versions') }} as v using (methodology_version)
where r.spd_score not between 0 and v.max_spd
   or r.sid_quality not between 0 and v.max_sid_quality
   or r.sid_count not between 0 and v.count_cap * v.count_points
   or r.iid_score not between 0 and 100
   or r.total_score > v.max_total
