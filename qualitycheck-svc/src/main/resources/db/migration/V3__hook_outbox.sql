-- Event hook events (TestTicketAiQuality) written in the transaction that records a tested ticket and relayed to
-- settings-svc's POST /settings/event-hook/events by mind.qualitycheck.hooks.QualityHookRelay (common's
-- EventOutboxRelay; the table's shape is EventOutboxRepository's, as aiagent-svc's). A row is deleted once
-- settings-svc took it; one settings-svc refused for good (a 4xx other than for the token) stays with rejected_at.
create table hook_outbox (
    id              bigint generated always as identity primary key,
    type            text        not null,
    occurred_at     timestamptz not null,
    data            jsonb       not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    leased_until    timestamptz,
    last_error      text,
    rejected_at     timestamptz
);

-- what a relay round looks for: rows still to send, oldest first
create index hook_outbox_due on hook_outbox (id) where rejected_at is null;
