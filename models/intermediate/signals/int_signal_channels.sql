{#
    One label per channel (seed channel_map): every distinct raw channel of int_signals_unioned (the marketing
    activity's channel, the campaign's type, 'Sales ' and the sales activity's type, the account-level
    sources' names) with the label signals, attribution and the semantic layer show. The raw value is looked
    up by its key (macro channel_key: lower case, single spaces for runs of spaces, underscores and hyphens),
    so 'Webinar', 'webinar' and ' WEBINAR' need no rows of their own; synonyms ('ppc', 'cpc') are seed rows.
    A channel the seed does not know keeps one tidy spelling of its raw values (the first in sort order of
    those sharing its key, white space collapsed), is kept, and is listed by the test
    assert_signal_channels_are_mapped.
    A missing or blank channel has the key 'unknown'. A table, like int_signal_types_classified: reading it
    scans every signal once, and int_signals_classified joins this small table back.
#}

with

signals as (

    select * from {{ ref('int_signals_unioned') }}

),

channel_map as (

    select * from {{ ref('channel_map') }}

),

raw_channels as (

    -- a null channel is '' here, so the join back from the signals needs no null-safe comparison
    select
        coalesce(channel, '') as raw_channel,
        count(*) as signal_count
    from signals
    group by coalesce(channel, '')

),

keyed as (

    select
        raw_channel,
        signal_count,
        {{ channel_key('raw_channel') }} as channel_key,
        {{ collapsed_text('raw_channel') }} as tidy_channel
    from raw_channels

),

channel_labels as (

    -- seed keys are keyed like raw values, so a seed row written 'Paid Search' still matches
    select
        {{ channel_key('channel_key') }} as channel_key,
        channel
    from channel_map

),

final as (

    select
        -- strings
        keyed.raw_channel,
        keyed.channel_key,
        coalesce(
            channel_labels.channel,
            min(keyed.tidy_channel) over (partition by keyed.channel_key)
        ) as channel,

        -- numerics
        keyed.signal_count,

        -- booleans
        channel_labels.channel is not null as is_channel_mapped

    from keyed
    left join channel_labels
        on keyed.channel_key = channel_labels.channel_key

)

select * from final
