-- The agent work queue (POST /ticket/getLatest): at most one claim per ticket and one per agent.
-- A claim is live until expires_at (the lease, renewed by ping); an expired claim stays until another
-- agent takes the ticket over or its holder asks for another one. Claims are not assignments: the
-- ticket's agent_id is left alone.
create table ticket_claim (
    ticket_id  bigint primary key references ticket (id) on delete cascade,
    -- the holder's profile id (JWT sub)
    agent_id   text        not null,
    claimed_at timestamptz not null,
    expires_at timestamptz not null
);
-- one ticket per agent; the advisory lock per agent in the claim transaction comes first, this is the backstop
create unique index ticket_claim_agent on ticket_claim (agent_id);

-- Who has a ticket open right now (GET /ticket/{id}/ping): one row per ticket and agent, live while
-- seen_until lies ahead.
create table ticket_presence (
    ticket_id  bigint      not null references ticket (id) on delete cascade,
    agent_id   text        not null,
    last_seen  timestamptz not null,
    seen_until timestamptz not null,
    primary key (ticket_id, agent_id)
);
-- a ping also drops the caller's rows on other tickets that ran out
create index ticket_presence_agent on ticket_presence (agent_id);

-- GET /agents/queue averages the claim-to-close times of recent closes
create index ticket_event_close_releases on ticket_event (created_at)
    where type = 'released' and data->>'reason' = 'closed';

-- The queue walks open tickets in the configured order; these two orders (the default
-- priorityThenSla and slaDue) are served from an index, so LIMIT 1 ... SKIP LOCKED reads a few rows.
-- The expressions must stay character for character equal to WorkQueueRepository's.
create index ticket_queue_sla on ticket ((coalesce(due_by, timestamptz '2099-12-31 00:00:00+00')), id)
    where status = 'open';
create index ticket_queue_priority_sla on ticket (
    (case priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end),
    (coalesce(due_by, timestamptz '2099-12-31 00:00:00+00')), id)
    where status = 'open';

-- A ticket leaving "open" (closed, pending, ...) ends its claim, whichever code path changed the
-- status (PATCH, bulk PATCH, a reply that closes it, SQL by hand). The release is logged with the
-- time the change carries (closed_at, else modified_at, else now) and how long the claim was held,
-- which GET /agents/queue averages into its waiting time.
create function ticket_claim_release_on_status() returns trigger
    language plpgsql
    set search_path from current
as $$
declare
    released record;
    at timestamptz;
begin
    at := case
        when new.status = 'closed' and new.closed_at is not null and new.closed_at is distinct from old.closed_at then new.closed_at
        when new.modified_at is not null and new.modified_at is distinct from old.modified_at then new.modified_at
        else now() end;
    for released in delete from ticket_claim where ticket_id = new.id returning agent_id, claimed_at loop
        insert into ticket_event (ticket_id, type, actor_id, technical, data, created_at)
        values (new.id, 'released', null, false,
                jsonb_build_object('agentId', released.agent_id,
                                   'reason', case when new.status = 'closed' then 'closed' else 'statusChanged' end,
                                   'status', new.status,
                                   'heldSeconds', greatest(0, floor(extract(epoch from at - released.claimed_at)))::bigint),
                at);
    end loop;
    return null;
end
$$;

create trigger ticket_claim_release_on_status
    after update of status on ticket
    for each row
    when (new.status <> 'open' and old.status is distinct from new.status)
    execute function ticket_claim_release_on_status();
