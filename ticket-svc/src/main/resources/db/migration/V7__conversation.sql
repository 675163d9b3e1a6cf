-- The messages of a ticket: mails in and out, chat and phone messages, internal notes and drafts.
-- Recipients and attachments are small JSON lists, as on tickets; "conversations to X" looks into the
-- few rows of one ticket, so it needs no index of its own.
create table conversation (
    id                       bigint generated always as identity primary key,
    version                  integer     not null default 0,
    ticket_id                bigint      not null references ticket (id) on delete cascade,
    type                     text        not null,
    direction                text        not null,
    private                  boolean     not null default false,
    is_draft                 boolean     not null default false,
    -- the profile (JWT sub) that wrote it; null for messages from customers and integrations
    agent_id                 bigint,
    from_address             text,
    from_name                text,
    to_addresses             jsonb       not null default '[]',
    cc_addresses             jsonb       not null default '[]',
    bcc_addresses            jsonb       not null default '[]',
    subject                  text,
    -- as sent (HTML or plain text), and its plain-text form derived with jsoup
    body                     text,
    body_plain               text,
    external_conversation_id text,
    subchannel_id            bigint,
    intent_ids               bigint[]    not null default '{}',
    attachments              jsonb       not null default '[]',
    raw_data                 jsonb,
    -- outgoing mail only: sending while the mail is handed to SMTP, sent once it was accepted
    delivery                 text,
    created_by               text,
    created_at               timestamptz not null,
    modified_at              timestamptz
);

create index conversation_ticket on conversation (ticket_id, created_at, id);
-- store is idempotent on the integration's message id, per ticket
create unique index conversation_external_conversation_id on conversation (ticket_id, external_conversation_id)
    where external_conversation_id is not null;
