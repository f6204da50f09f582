-- The predicate agrees with the bands of the region's methodology version.
select r.region_code, r.assessment_year, r.iid_score, r.predicate
from {{ ref('region_index') }} as r
where r.predicate <> case
    when r.total_score = 0 then 'Tidak Dapat Dinilai'
    else (
        select b.predicate from {{ ref('predicate_bands') }} as b
        where b.methodology_version = r.methodology_version
          and (r.iid_score > b.lower_bound or (b.lower_inclusive and r.iid_score = b.lower_bound))
          and (r.iid_score < b.upper_bound or (b.upper_inclusive and r.iid_score = b.upper_bound))
    )
end
   or r.predicate is null
