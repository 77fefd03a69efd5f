{#
    The opportunities attribution credits, with their journeys' moments as this run credited them
    (int_attribution_journey_moments, stored): the next daily run's int_attribution_changes compares the
    moments of that day with these. Built after the change logs, so they read the previous run's.
#}

-- depends_on: {{ ref('int_attribution_changes') }}, {{ ref('int_attribution_journey_changes') }}

select * from {{ ref('int_attribution_journey_moments') }}
