create table ticket (
    id                       bigint generated always as identity primary key,
    version                  integer     not null default 0,
    direction                text        not null,
    channel                  text        not null,
    channel_id               text,
    status                   text        not null,
    priority                 text        not null,
    interface                text        not null,
    ai_support_level         text        not null,
    spam_status              text,
    from_address             text,
    from_name                text,
    to_addresses             jsonb       not null default '[]',
    cc_addresses             jsonb       not null default '[]',
    bcc_addresses            jsonb       not null default '[]',
    subchannel_id            bigint,
    external_ticket_id       text,
    agent_id                 bigint,
    contract_id              text,
    customer_id              text,
    subject                  text,
    body                     text,
    body_plain               text,
    summary                  text,
    sentiment                text,
    language                 text,
    language_code            text,
    is_escalated             boolean     not null default false,
    raw_data                 jsonb,
    additional_data          jsonb       not null default '{}',
    attachments              jsonb       not null default '[]',
    created_by               text,
    created_at               timestamptz not null,
    modified_at              timestamptz,
    closed_at                timestamptz,
    first_response_due_by    timestamptz,
    due_by                   timestamptz,
    last_message_at          timestamptz,
    last_customer_message_at timestamptz
);

create unique index ticket_external_ticket_id on ticket (external_ticket_id) where external_ticket_id is not null;
create index ticket_status on ticket (status);
create index ticket_channel_id on ticket (channel_id) where channel_id is not null;
create index ticket_created_at on ticket (created_at);

create table ticket_tag (
    ticket_id bigint not null references ticket (id) on delete cascade,
    tag_id    bigint not null,
    primary key (ticket_id, tag_id)
);
create index ticket_tag_tag_id on ticket_tag (tag_id);
