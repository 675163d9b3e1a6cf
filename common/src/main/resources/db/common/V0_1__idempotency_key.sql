-- Responses kept for Idempotency-Key replays (see mind.common.idempotency). Lives in each service's
-- own schema: the service's Flyway default schema applies to this unqualified name.
create table idempotency_key (
    scope       text        not null,
    idem_key    text        not null,
    fingerprint text        not null,
    status      integer     not null,
    body        text,
    created_at  timestamptz not null default now(),
    primary key (scope, idem_key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
