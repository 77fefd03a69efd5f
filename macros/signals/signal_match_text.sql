{#
    The text a signal-taxonomy pattern is matched against: lower-cased and trimmed, an empty text is null
    (so '' never stands for a value and a null-safe join can coalesce to '').
    'Contract Redlines ' -> 'contract redlines'.
#}
{% macro signal_match_text(expression) -%}
    nullif(lower(trim({{ expression }})), '')
{%- endmacro %}


{#
    The URL a signal-taxonomy url_pattern is matched against: lower-cased and trimmed, without its query
    string and fragment. Tracking parameters (?utm_source=...&utm_campaign=pricing-promo) describe the
    campaign, not the page, and must not decide what a visit means. Scheme and host are kept, so a pattern
    may name them, and paths keep their leading slash ('%/solutions/%').
    'https://www.Vendor.com/Pricing?utm_source=x#plans' -> 'https://www.vendor.com/pricing'.
#}
{% macro signal_match_url(expression) -%}
    {%- set lowered = "lower(trim(" ~ expression ~ "))" -%}
    {%- set without_query = dbt.split_part(lowered, "'?'", 1) -%}
    nullif({{ dbt.split_part(without_query, "'#'", 1) }}, '')
{%- endmacro %}
