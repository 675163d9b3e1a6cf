-- A test run works through the test cases of one AI agent; test cases and test tickets follow in
-- later migrations.
create table test_run (
    id                            bigint generated always as identity primary key,
    version                       integer     not null default 0,
    ai_agent_id                   text        not null,
    ai_agent_name                 text,
    state                         text        not null,
    config                        jsonb       not null default '{}',
    created_by                    bigint,
    created_at                    timestamptz not null,
    end_date                      timestamptz,
    tickets_scheduled_for_testing integer     not null default 0,
    tickets_tested                integer     not null default 0,
    successful_tests              integer     not null default 0,
    description                   text
);

-- The list is newest first, optionally per agent or per state.
create index test_run_ai_agent_id on test_run (ai_agent_id, id desc);
create index test_run_state on test_run (state, id desc);
