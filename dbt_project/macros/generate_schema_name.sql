{# Layers live in fixed schemas; marts go to the night's candidate schema. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}
    {{ target.schema }}
  {%- elif custom_schema_name | trim == 'candidate' -%}
    {{ var('candidate_schema') }}
  {%- else -%}
    {{ custom_schema_name | trim }}
  {%- endif -%}
{%- endmacro %}
