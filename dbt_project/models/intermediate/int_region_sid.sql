-- SID inputs per region and year: reported and eligible counts, the SID sum of the
-- eligible innovations, and how many basic-service affairs they cover.
with eligibility as (
    select * from {{ ref('int_innovation_eligibility') }}
),

innovation_sums as (
    select innovation_id, region_code, assessment_year, sum(score) as sid_sum
    from {{ ref('int_innovation_answers') }}
    group by innovation_id, region_code, assessment_year
),

basic as (
    select affair_code from {{ ref('affairs') }} where "group" = 'pelayanan_dasar'
)

select
    e.portal_code as region_code,
    e.assessment_year,
    count(*) as n_reported,
    count(*) filter (where e.ineligible_reason is null) as n_eligible,
    coalesce(sum(s.sid_sum) filter (where e.ineligible_reason is null), 0) as sid_sum_eligible,
    count(distinct e.affair) filter (
        where e.ineligible_reason is null and e.affair in (select affair_code from basic)
    ) as basic_affairs_covered
from eligibility as e
left join innovation_sums as s
    on s.innovation_id = e.innovation_id and s.region_code = e.portal_code and s.assessment_year = e.assessment_year
group by e.portal_code, e.assessment_year
