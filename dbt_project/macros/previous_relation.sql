{# The relation `name` of the publication this candidate replaces (var previous_schema), or
   none when there is no earlier publication or it predates that relation. #}
{% macro previous_relation(name) %}
  {%- set schema = var('previous_schema', '') -%}
  {%- if not execute or not schema -%}
    {{ return(none) }}
  {%- endif -%}
  {{ return(adapter.get_relation(database=target.database, schema=schema, identifier=name)) }}
{% endmacro %}
