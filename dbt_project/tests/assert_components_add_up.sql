-- total = SPD + SID, SID = quality + count, and IID = total / max_total x 100 (rounded).
select r.region_code, r.assessment_year
from {{ ref('region_index') }} as r
join {{ ref('methodology_versions') }} as v using (methodology_version)
where abs(r.sid_score - (r.sid_quality + r.sid_count)) > 0.0002
   or abs(r.total_score - (r.spd_score + r.sid_score)) > 0.0002
   or abs(r.iid_score - r.total_score / v.max_total * 100) > 0.005 + 0.0001
