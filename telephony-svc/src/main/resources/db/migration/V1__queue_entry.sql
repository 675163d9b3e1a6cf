-- The routing queue: one entry per call handed over by a phone system or voicebot.
create table queue_entry (
    id                         bigint generated always as identity primary key,
    ticket_id                  bigint      not null,
    -- the phone system's call id; every later event about the call names it
    channel_id                 text,
    status                     text        not null,
    decline_reason_code        text,
    decline_reason_message     text,
    decline_reason_debug_infos text,
    primary_tag_id             bigint,
    channel                    text        not null,
    subchannel_id              bigint,
    assigned_user_id           bigint,
    assigned_user_raw_data     jsonb,
    routing                    text        not null,
    direction                  text        not null,
    caller_name                text,
    phone                      text,
    contract_id                text,
    customer_id                text,
    ai_agent_id                bigint,
    created_at                 timestamptz not null,
    routed_at                  timestamptz,
    completed_at               timestamptz,
    updated_at                 timestamptz not null
);

create unique index queue_entry_channel_id on queue_entry (channel_id) where channel_id is not null;
create index queue_entry_ticket_id on queue_entry (ticket_id);
create index queue_entry_status_created_at on queue_entry (status, created_at);
