-- The seeds agree with themselves: each version's maxima are 3 x the sum of its aspect's weights
-- (METHODOLOGY.md: "Maximum SPD = 3 x 21", "per-innovation SID sum = 3 x 37"), and max_total is
-- SPD + SID quality + the count ceiling.
with weights as (
    select
        3 * sum(weight) filter (where aspect = 'SPD') as spd,
        3 * sum(weight) filter (where aspect = 'SID') as sid
    from {{ ref('iid_indicators') }}
)

select v.methodology_version
from {{ ref('methodology_versions') }} as v
cross join weights as w
where v.max_spd <> w.spd
    or v.max_sid_quality <> w.sid
    or v.max_total <> v.max_spd + v.max_sid_quality + v.count_cap * v.count_points
