{# Fresh tables have no statistics; without them the planner picks nested loops over
   hundreds of thousands of answers. Views are left alone. #}
{% macro analyze_table() %}
  {%- if model.config.materialized in ('table', 'incremental') -%}
    analyze {{ this }}
  {%- endif -%}
{% endmacro %}
