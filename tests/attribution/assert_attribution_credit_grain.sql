{#
    The grain of attribution_credit: one row per opportunity x touch x model (touch_id null on an
    opportunity's single unattributed row). Checked one model at a time: the view has 43M rows on the large
    preset, and one group-by over all of them needs more memory than DuckDB's limit, while each model's
    branch is one scan of int_attribution_touches_credited.
#}

{%- for model_name in attribution_models() %}
select
    '{{ model_name }}' as attribution_model,
    opportunity_id,
    touch_id,
    count(*) as row_count
from {{ ref('attribution_credit') }}
where attribution_model = '{{ model_name }}'
group by
    opportunity_id,
    touch_id
having count(*) > 1
{% if not loop.last %}union all{% endif %}
{%- endfor %}
