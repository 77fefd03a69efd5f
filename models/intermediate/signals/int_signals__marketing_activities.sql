{#
    One signal per marketing-automation activity (email, web, webinar, content, form, event, social, chat), in
    the common signal shape of int_signals_unioned. Late-arriving activities are ordinary rows here: nothing
    depends on the order the platform delivered them in.
#}

with

activities as (

    select * from {{ ref('stg_marketing__activities') }}

),

final as (

    select
        -- ids
        {{ dbt.concat(["'marketing_automation:'", "activity_id"]) }} as signal_id,
        activity_id as source_record_id,
        contact_id,
        lead_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        campaign_id,

        -- strings
        'marketing_automation' as source_system,
        activity_type as signal_type,
        channel,
        url,
        asset_name,
        cast(null as {{ dbt.type_string() }}) as subject,
        cast(null as {{ dbt.type_string() }}) as topic,

        -- numerics
        cast(1 as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        occurred_at as signal_at

    from activities

)

select * from final
