{# Every non-null value of `column_name` is a code of `vocabulary` (seed vocabularies): the contract's
   vocabularies have one home, the seed, read by Python's contract checks too. #}
{% test in_vocabulary(model, column_name, vocabulary) %}
select {{ column_name }} from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }}::text not in (
    select code from {{ ref('vocabularies') }} where vocabulary = '{{ vocabulary }}')
{% endtest %}
