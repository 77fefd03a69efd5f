{#
    One signal per campaign membership marked as responded (Salesforce CampaignMember.HasResponded), at the
    first response. Members who never responded were reached, not engaged, and are not signals. The channel is
    the campaign's type (Webinar, Trade Show, Email, ...).
#}

with

campaign_members as (

    select * from {{ ref('stg_crm__campaign_members') }}

),

campaigns as (

    select * from {{ ref('stg_crm__campaigns') }}

),

responses as (

    select * from campaign_members
    where has_responded

),

final as (

    select
        -- ids
        {{ dbt.concat(["'crm_campaign:'", "responses.campaign_member_id"]) }} as signal_id,
        responses.campaign_member_id as source_record_id,
        responses.contact_id,
        responses.lead_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        responses.campaign_id,

        -- strings
        'crm_campaign' as source_system,
        'campaign_response' as signal_type,
        campaigns.campaign_type as channel,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as asset_name,
        cast(null as {{ dbt.type_string() }}) as subject,
        cast(null as {{ dbt.type_string() }}) as topic,

        -- numerics
        cast(1 as {{ dbt.type_numeric() }}) as weight_multiplier,

        -- timestamps
        -- a response without a response date (should not happen) falls back to when the member was added
        coalesce(
            cast(responses.first_responded_date as {{ dbt.type_timestamp() }}),
            responses.created_at
        ) as signal_at

    from responses
    left join campaigns
        on responses.campaign_id = campaigns.campaign_id

)

select * from final
