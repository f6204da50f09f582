{#
  Pre-hook of int_innovation_answers on an incremental build: delete the answers of every
  innovation whose latest version landed after the newest version already scored (that
  covers deletions, which bring no new answers to replace the old ones), and every answer
  scored with weights the seed no longer has (then the whole table is scored again).
#}
{% macro remove_superseded_answers() %}
  {%- if is_incremental() -%}
    {%- if 'weights_fingerprint' not in (adapter.get_columns_in_relation(this) | map(attribute='name') | list) %}
    truncate {{ this }};  -- scored before the fingerprint existed: score everything again
    {%- else %}
    delete from {{ this }} where weights_fingerprint is distinct from {{ sid_weights_fingerprint() }};
    {%- endif %}
    delete from {{ this }} as a
    using {{ ref('int_innovation_latest_versions') }} as v
    where v.landed_seq > (select coalesce(max(landed_seq), 0) from {{ this }})
      and a.innovation_id = v.innovation_id
      and a.region_code = v.portal_code
      and a.assessment_year = v.assessment_year
  {%- endif -%}
{% endmacro %}
