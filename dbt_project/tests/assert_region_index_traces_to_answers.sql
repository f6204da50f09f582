-- Every SPD and n_eligible in region_index is reproduced from the tracing marts.
with spd as (
    select region_code, assessment_year, sum(score) as spd
    from {{ ref('indicator_scores') }} where aspect = 'SPD'
    group by 1, 2
),
eligible as (
    select region_code, assessment_year, count(*) as n
    from {{ ref('innovation_scores') }} where is_eligible
    group by 1, 2
)
select r.region_code, r.assessment_year
from {{ ref('region_index') }} as r
left join spd using (region_code, assessment_year)
left join eligible using (region_code, assessment_year)
where r.spd_score <> coalesce(spd.spd, 0) or r.n_eligible <> coalesce(eligible.n, 0)
