-- The scored regions with every attribute the marts group by.
with regions as (
    select * from {{ ref('regions') }}
),

not_scored as (
    select region_code from {{ ref('not_scored_regions') }}
)

select
    r.region_code,
    r.name as region_name,
    r.level,
    r.province_code,
    r.province_name,
    g.island_group,
    (t.region_code is not null) as is_tertinggal,
    (left(r.region_code, 1) = '9') as is_papua
from regions as r
join {{ ref('island_groups') }} as g on g.first_digit = left(r.region_code, 1)
left join {{ ref('daerah_tertinggal') }} as t on t.region_code = r.region_code
where r.region_code not in (select region_code from not_scored)
