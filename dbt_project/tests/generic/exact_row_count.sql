{% test exact_row_count(model, expected, group_by=none) %}
{# Fails with one row per group whose row count is not `expected`. #}
select {{ group_by ~ ',' if group_by }} count(*) as n
from {{ model }}
{{ 'group by ' ~ group_by if group_by }}
having count(*) <> {{ expected }}
{% endtest %}
