{# Fresh landings have no statistics yet; without them the planner picks nested loops over
   hundreds of thousands of versions. Only builds read raw. #}
{% macro analyze_raw() %}
  {%- if execute and flags.WHICH in ('build', 'run') -%}
    analyze raw.innovation_records; analyze raw.profile_records
  {%- endif -%}
{% endmacro %}
