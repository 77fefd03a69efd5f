{#
    int_person_scores keeps one running sum per half-life of the signal_taxonomy seed, read when the model is
    compiled (macro signal_half_lives). A weighted person signal whose half-life is not among them would be
    left out of every score: none may exist. Returns each such half-life with its signal count.
#}

with

person_scores as (

    select * from {{ ref('int_person_scores') }}

),

signal_taxonomy as (

    select * from {{ ref('signal_taxonomy') }}

)

select
    person_scores.half_life_days,
    count(*) as signal_count
from person_scores
where
    person_scores.weight != 0
    and (
        person_scores.half_life_days is null
        or person_scores.half_life_days not in (
            select signal_taxonomy.half_life_days
            from signal_taxonomy
            where signal_taxonomy.half_life_days is not null
        )
    )
group by person_scores.half_life_days
