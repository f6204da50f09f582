-- The formulas of METHODOLOGY.md, in one place: every scored region, for every year and
-- methodology version of int_scoring_versions. region_index takes each year's own version;
-- methodology_comparison sets the versions side by side.
with regions as (
    select region_code from {{ ref('stg_reference__regions') }}
),

components as (
    select
        r.region_code,
        v.assessment_year,
        v.methodology_version,
        v.is_year_version,
        v.max_total,
        coalesce(spd.spd_score, 0) as spd_score,
        coalesce(sid.n_reported, 0) as n_reported,
        coalesce(sid.n_eligible, 0) as n_eligible,
        coalesce(sid.basic_affairs_covered, 0) as basic_affairs_covered,
        greatest(v.divisor_min, coalesce(sid.n_eligible, 0)) as sid_divisor,
        coalesce(sid.sid_sum_eligible, 0) / greatest(v.divisor_min, coalesce(sid.n_eligible, 0)) as sid_quality,
        case
            when v.basic_affairs_min is not null
                and coalesce(sid.basic_affairs_covered, 0) < v.basic_affairs_min then 0
            else least(coalesce(sid.n_eligible, 0), v.count_cap) * v.count_points
        end as sid_count
    from regions as r
    cross join {{ ref('int_scoring_versions') }} as v
    left join {{ ref('int_region_spd') }} as spd
        on spd.region_code = r.region_code and spd.assessment_year = v.assessment_year
    left join {{ ref('int_region_sid') }} as sid
        on sid.region_code = r.region_code and sid.assessment_year = v.assessment_year
),

scored as (
    select
        *,
        sid_quality + sid_count as sid_score,
        spd_score + sid_quality + sid_count as total_score,
        -- numeric round() is half away from zero: half-up for these non-negative scores
        round((spd_score + sid_quality + sid_count) / max_total * 100, 2) as iid_score
    from components
)

select
    s.region_code,
    s.assessment_year,
    s.methodology_version,
    s.is_year_version,
    -- components keep 4 decimals (METHODOLOGY.md: "at least 4"); the IID was taken on the exact total
    round(s.spd_score, 4)::numeric(12, 4) as spd_score,
    round(s.sid_quality, 4)::numeric(12, 4) as sid_quality,
    round(s.sid_count, 4)::numeric(12, 4) as sid_count,
    round(s.sid_score, 4)::numeric(12, 4) as sid_score,
    round(s.total_score, 4)::numeric(12, 4) as total_score,
    s.iid_score::numeric(5, 2) as iid_score,
    s.n_reported,
    s.n_eligible,
    s.sid_divisor,
    s.basic_affairs_covered,
    -- a total of 0 cannot be assessed (the predicate seed's one non-assessed predicate)
    case
        when s.total_score = 0 then (select predicate from {{ ref('predicates') }} where not is_assessed)
        else b.predicate
    end as predicate
from scored as s
left join {{ ref('predicate_bands') }} as b
    on b.methodology_version = s.methodology_version
    and {{ in_band('s.iid_score', 'b') }}
