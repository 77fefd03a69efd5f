{# The contacts mart keeps every staged contact (unique + relationships prove no extra or duplicate row). #}

with

contacts as (

    select * from {{ ref('contacts') }}

),

staged_contacts as (

    select * from {{ ref('stg_crm__contacts') }}

)

select staged_contacts.contact_id
from staged_contacts
left join contacts
    on staged_contacts.contact_id = contacts.contact_id
where contacts.contact_id is null
