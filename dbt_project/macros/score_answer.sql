{#
  The scoring rule of one answer, in one place (METHODOLOGY.md): weight x level when the
  evidence is valid; 0 when the level is missing or the evidence is invalid or missing.
#}
{% macro score_answer(level, evidence_status, weight) -%}
    (case when {{ level }} is not null and {{ evidence_status }} = 'valid' then {{ weight }} * {{ level }}
          else 0 end)::numeric(8, 2)
{%- endmacro %}
