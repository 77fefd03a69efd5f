{#
    The key a raw channel is looked up by in the channel_map seed: lower case, trimmed, and every run of
    spaces, underscores and hyphens made one space, so spelling variants need no seed row of their own;
    a blank or missing channel is 'unknown'. ' Paid_Search ', 'paid-search', 'PAID  SEARCH' -> 'paid search'.
#}
{% macro channel_key(expression) -%}
    coalesce(
        nullif(trim({{ regexp_replace_all('lower(' ~ expression ~ ')', '[\\s_-]+', ' ') }}), ''),
        'unknown'
    )
{%- endmacro %}


{#
    A raw text with its case kept, trimmed, and every run of white space made one space: how a channel the
    channel_map seed does not know is shown. ' Carrier   Pigeon ' -> 'Carrier Pigeon'; '' -> null.
#}
{% macro collapsed_text(expression) -%}
    nullif(trim({{ regexp_replace_all(expression, '\\s+', ' ') }}), '')
{%- endmacro %}
