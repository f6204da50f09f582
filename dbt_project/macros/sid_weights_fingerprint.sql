{# The SID weights the answers were scored with: when the seed's weights change, every stored
   answer is scored again (an incremental table must not keep yesterday's rules). #}
{% macro sid_weights_fingerprint() -%}
    (select md5(string_agg(indicator_code || ':' || weight::text, ',' order by indicator_code))
     from {{ ref('iid_indicators') }} where aspect = 'SID')
{%- endmacro %}
