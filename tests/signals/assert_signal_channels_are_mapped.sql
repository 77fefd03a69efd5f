{#
    Reports the channels the channel_map seed does not know, with how many signals each has and how many raw
    spellings share it. They are kept under a tidy spelling of their raw value; this test warns so someone
    gives them a label: add a row to seeds/channel_map.csv (its key in lower case) and rebuild.
#}

{{ config(severity='warn') }}

select
    channel as unmapped_channel,
    channel_key,
    sum(signal_count) as signal_count,
    count(*) as raw_spellings
from {{ ref('int_signal_channels') }}
where not is_channel_mapped
group by
    channel,
    channel_key
