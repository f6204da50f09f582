{#
  The scoring rule, in one place: explode a v1 or v2 answers array and score each answer:
  weight x level when the evidence is valid; 0 when the level is missing or the evidence
  is invalid or missing (METHODOLOGY.md). `keys` are the columns of `relation` to carry.
#}
{% macro scored_answers(relation, keys, aspect) %}
with answers as (
    select
        {% for key in keys %}s.{{ key }},
        {% endfor %}coalesce(a ->> 'indicator', a ->> 'indikator') as indicator_code,
        coalesce(a ->> 'level', a ->> 'nilai')::integer as level,
        coalesce(a -> 'evidence' ->> 'status', a ->> 'status_bukti') as evidence_status,
        coalesce(a -> 'evidence' ->> 'document_id', a ->> 'id_dokumen') as document_id
    from {{ relation }} as s
    cross join lateral jsonb_array_elements(s.answers) as a
)

select
    answers.*,
    ind.weight,
    case
        when answers.level is not null and answers.evidence_status = 'valid' then ind.weight * answers.level
        else 0
    end::numeric(8, 2) as score
from answers
join {{ ref('iid_indicators') }} as ind
    on ind.indicator_code = answers.indicator_code and ind.aspect = '{{ aspect }}'
{% endmacro %}
