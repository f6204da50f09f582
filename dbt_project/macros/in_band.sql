{#
  Whether a rounded IID falls in a predicate band (a row of the seed predicate_bands), with
  the band's own inclusive/exclusive edges: the one home of band membership.
#}
{% macro in_band(iid, band) -%}
    ({{ iid }} > {{ band }}.lower_bound or ({{ band }}.lower_inclusive and {{ iid }} = {{ band }}.lower_bound))
    and ({{ iid }} < {{ band }}.upper_bound or ({{ band }}.upper_inclusive and {{ iid }} = {{ band }}.upper_bound))
{%- endmacro %}
