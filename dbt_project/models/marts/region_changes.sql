-- What changed since the publication this candidate replaces (var previous_schema): each
-- region's score and ranks, each indicator's contribution to its score, and each innovation
-- added, removed or edited. A rank change is significant when the new rank falls outside
-- the 90 % interval the previous publication gave that rank (region_rank_uncertainty).
{%- set prev_index = previous_relation('region_index') %}
{%- set prev_indicators = previous_relation('indicator_scores') %}
{%- set prev_innovations = previous_relation('innovation_scores') %}
{%- set prev_uncertainty = previous_relation('region_rank_uncertainty') %}

with cur_index as (
    select * from {{ ref('region_index') }}
),

prev_index as (
    {% if prev_index %}select * from {{ prev_index }}{% else %}select * from {{ ref('region_index') }} where false{% endif %}
),

prev_interval as (
    {% if prev_uncertainty %}
    select region_code, assessment_year, rank_p05, rank_p95 from {{ prev_uncertainty }}
    {% else %}
    select null::text as region_code, null::integer as assessment_year, null::integer as rank_p05,
           null::integer as rank_p95 where false
    {% endif %}
),

cur_indicators as (
    select region_code, assessment_year, indicator_code, sum(score) as score
    from {{ ref('indicator_scores') }} where counts_for_score group by 1, 2, 3
),

prev_indicators as (
    {% if prev_indicators %}
    select region_code, assessment_year, indicator_code,
        {#- earlier publications may predate counts_for_score: then they counted SPD and eligible SID #}
        sum(score) as score
    from {{ prev_indicators }} as s
    {% if 'counts_for_score' in (adapter.get_columns_in_relation(prev_indicators) | map(attribute='name') | list) %}
    where counts_for_score
    {% else %}
    where s.aspect = 'SPD' or exists (
        select 1 from {{ prev_innovations }} as i
        where i.innovation_id = s.innovation_id and i.region_code = s.region_code
          and i.assessment_year = s.assessment_year and i.is_eligible)
    {% endif %}
    group by 1, 2, 3
    {% else %}
    select * from cur_indicators where false
    {% endif %}
),

cur_innovations as (
    select innovation_id, region_code, assessment_year, updated_at, sid_sum, is_eligible
    from {{ ref('innovation_scores') }}
),

prev_innovations as (
    {% if prev_innovations %}
    select innovation_id, region_code, assessment_year, updated_at, sid_sum, is_eligible from {{ prev_innovations }}
    {% else %}
    select * from cur_innovations where false
    {% endif %}
),

score_changes as (
    select
        c.region_code,
        c.assessment_year,
        'score'::text as change_kind,
        null::text as indicator_code,
        null::text as innovation_id,
        p.iid_score::numeric as before,
        c.iid_score::numeric as after,
        case when c.predicate <> p.predicate then p.predicate || ' -> ' || c.predicate end as detail,
        p.rank_level as rank_before,
        c.rank_level as rank_after,
        case
            when c.rank_level is not distinct from p.rank_level then false
            when i.region_code is null or c.rank_level is null then null
            else c.rank_level not between i.rank_p05 and i.rank_p95
        end as is_significant,
        c.inputs_fingerprint is distinct from p.inputs_fingerprint
        {%- if prev_index and 'methodology_hash' in (adapter.get_columns_in_relation(prev_index) | map(attribute='name') | list) %}
            or c.methodology_hash is distinct from p.methodology_hash
        {%- endif %} as inputs_changed
    from cur_index as c
    join prev_index as p using (region_code, assessment_year)
    left join prev_interval as i using (region_code, assessment_year)
    where c.iid_score <> p.iid_score or c.predicate <> p.predicate
        or c.rank_level is distinct from p.rank_level
),

indicator_changes as (
    select
        coalesce(c.region_code, p.region_code),
        coalesce(c.assessment_year, p.assessment_year),
        'indicator',
        coalesce(c.indicator_code, p.indicator_code),
        null,
        p.score,
        c.score,
        null,
        null::integer,
        null::integer,
        null::boolean,
        true
    from cur_indicators as c
    full join prev_indicators as p using (region_code, assessment_year, indicator_code)
    where c.score is distinct from p.score
),

innovation_changes as (
    select
        coalesce(c.region_code, p.region_code),
        coalesce(c.assessment_year, p.assessment_year),
        case
            when p.innovation_id is null then 'innovation_added'
            when c.innovation_id is null then 'innovation_removed'
            else 'innovation_edited'
        end,
        null,
        coalesce(c.innovation_id, p.innovation_id),
        p.sid_sum,
        c.sid_sum,
        case
            when c.is_eligible is distinct from p.is_eligible
                then 'eligible: ' || coalesce(p.is_eligible::text, '-') || ' -> ' || coalesce(c.is_eligible::text, '-')
        end,
        null::integer,
        null::integer,
        null::boolean,
        true
    from cur_innovations as c
    full join prev_innovations as p using (innovation_id, region_code, assessment_year)
    where p.innovation_id is null or c.innovation_id is null or c.updated_at <> p.updated_at
        or c.sid_sum <> p.sid_sum or c.is_eligible <> p.is_eligible
),

changes as (
    select * from score_changes
    union all
    select * from indicator_changes
    union all
    select * from innovation_changes
)

select
    ch.region_code::text as region_code,
    r.region_name::text as region_name,
    ch.assessment_year::integer as assessment_year,
    ch.change_kind::text as change_kind,
    ch.indicator_code::text as indicator_code,
    ch.innovation_id::text as innovation_id,
    ch.before::numeric(12, 4) as before,
    ch.after::numeric(12, 4) as after,
    (ch.after - ch.before)::numeric(12, 4) as delta,
    ch.detail::text as detail,
    ch.rank_before::integer as rank_before,
    ch.rank_after::integer as rank_after,
    ch.is_significant::boolean as is_significant,
    ch.inputs_changed::boolean as inputs_changed,
    '{{ var("publication_id") }}'::text as publication_id,
    nullif('{{ var("previous_publication_id") }}', '')::text as previous_publication_id
from changes as ch
left join {{ ref('stg_reference__regions') }} as r using (region_code)
{% if not prev_index %}where false  -- the first publication has nothing to compare with{% endif %}
