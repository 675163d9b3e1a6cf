-- The ticket's append-only event log: creation, every field change (old and new value, actor), tags,
-- claims and releases, conversations, forwards, AI processing, and events other services append
-- (telephony call states). Activity, history and stats read it. Rows are never updated; they go
-- with their ticket.
create table ticket_event (
    id          bigint generated always as identity primary key,
    ticket_id   bigint      not null references ticket (id) on delete cascade,
    type        text        not null,
    -- the profile id (JWT sub) that caused it, or null for the system
    actor_id    text,
    -- details a person does not need (ids of jobs, raw payloads); shown with showTechnicalInformation
    technical   boolean     not null default false,
    data        jsonb       not null default '{}',
    created_at  timestamptz not null
);

create index ticket_event_ticket on ticket_event (ticket_id, id);
