-- Test cases, the test tickets of a run and the job table the worker takes them from.

-- A stopped run was called cancelled before runs could be stopped; the API says stopped.
update test_run set state = 'stopped' where state = 'cancelled';

-- aiagent-svc's numeric id of the agent; aiAgentId stays the agent's slug as clients read it.
alter table test_run add column ai_agent_ref bigint;

create table test_case (
    id              bigint generated always as identity primary key,
    version         integer     not null default 0,
    ticket_id       bigint      not null,
    ai_agent_id     text        not null,
    ai_agent_ref    bigint,
    ai_agent_name   text,
    channel         text,
    summary         text,
    description     text,
    expected_result jsonb       not null default '{}',
    modified_by     bigint,
    created_at      timestamptz not null,
    modified_at     timestamptz not null
);
create index test_case_ai_agent_id on test_case (ai_agent_id, id);
create index test_case_ai_agent_ref on test_case (ai_agent_ref, id);

create table test_ticket (
    id              bigint generated always as identity primary key,
    version         integer     not null default 0,
    test_run_id     bigint      not null references test_run (id) on delete cascade,
    -- no foreign key: a test case may be deleted while runs that used it are kept
    test_case_id    bigint,
    ticket_id       bigint      not null,
    ai_agent_id     text        not null,
    state           text        not null,
    config          jsonb       not null default '{}',
    expected_result jsonb       not null default '{}',
    actual_result   jsonb,
    raw_result      jsonb,
    successful      boolean,
    error           text,
    tested_at       timestamptz
);
create index test_ticket_run on test_ticket (test_run_id, id);

-- One row per test ticket still to be tested. A worker takes due rows with FOR UPDATE SKIP LOCKED and
-- leases them until leased_until; a lease that ran out (crashed worker) makes the row due again. The
-- row is deleted in the transaction that records the result, guarded by lease_token, so a result is
-- recorded once even when a lease ran out while its worker was still busy.
create table test_job (
    test_ticket_id bigint      primary key references test_ticket (id) on delete cascade,
    test_run_id    bigint      not null references test_run (id) on delete cascade,
    not_before     timestamptz not null,
    leased_until   timestamptz,
    lease_token    uuid,
    attempts       integer     not null default 0
);
create index test_job_due on test_job (not_before, test_ticket_id);
create index test_job_run on test_job (test_run_id);
