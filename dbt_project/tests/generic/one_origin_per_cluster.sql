{# Every idea has exactly one origin, whose similarity to itself is 1, and spans two regions or more. #}
{% test one_origin_per_cluster(model) %}
select cluster_id, assessment_year
from {{ model }}
group by cluster_id, assessment_year
having count(*) filter (where is_origin) <> 1
    or bool_or(is_origin and similarity <> 1)
    or count(distinct region_code) < 2
{% endtest %}
