-- One run of an event hook's function for one event: recorded in the transaction that takes the event
-- (POST /settings/event-hook/events from another service, or a change in this service), then run by the
-- executor endpoint with no transaction held. A run goes with its hook.
create table event_hook_run (
    id            bigint generated always as identity primary key,
    hook_id       bigint      not null references event_hook (id) on delete cascade,
    event         text        not null,
    -- the event's key from its source (e.g. ticket-event-123): one run per hook and key, however often sent
    event_key     text        not null,
    data          jsonb       not null default '{}',
    occurred_at   timestamptz not null,
    -- pending | done | failed
    status        text        not null default 'pending',
    attempts      integer     not null default 0,
    due_at        timestamptz not null default now(),
    leased_until  timestamptz,
    error         text,
    created_at    timestamptz not null default now(),
    finished_at   timestamptz
);

create unique index event_hook_run_key on event_hook_run (hook_id, event_key);
create index event_hook_run_due on event_hook_run (due_at, id) where status = 'pending';
create index event_hook_run_hook on event_hook_run (hook_id, id);
