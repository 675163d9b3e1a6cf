-- The rest of a call's life: when the agent was connected, the durations reported at its end.
alter table queue_entry
    add column connected_at           timestamptz,
    add column total_duration_seconds integer,
    add column bot_duration_seconds   integer,
    add column queue_duration_seconds integer,
    add column human_duration_seconds integer,
    add column duration_seconds       integer;

-- What other services must hear about a call (ticket activity, assignment, transcript, agent routing
-- status), written in the transaction of the state change and delivered afterwards by whichever replica
-- leases the row (FOR UPDATE SKIP LOCKED), in id order per queue entry, at least once; each row carries
-- its own Idempotency-Key (telephony-outbox-<id>) so that a repeated delivery changes nothing twice.
create table outbox (
    id              bigint generated always as identity primary key,
    queue_entry_id  bigint      not null references queue_entry (id) on delete cascade,
    kind            text        not null,
    payload         jsonb       not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    leased_until    timestamptz,
    last_error      text,
    -- delivered or rejected for good; null while pending
    outcome         text,
    created_at      timestamptz not null default now(),
    done_at         timestamptz
);
create index outbox_due on outbox (next_attempt_at, id) where done_at is null;
create index outbox_entry_pending on outbox (queue_entry_id, id) where done_at is null;

-- Per agent, what routing needs beyond settings-svc: the call the agent holds (at most one, across
-- replicas: the row is the lock) and when the last call ended (longest idle first, wrap-up time).
create table agent_state (
    user_id            bigint primary key,
    current_entry_id   bigint references queue_entry (id) on delete set null,
    last_call_ended_at timestamptz,
    updated_at         timestamptz not null
);
create unique index agent_state_current_entry on agent_state (current_entry_id) where current_entry_id is not null;
