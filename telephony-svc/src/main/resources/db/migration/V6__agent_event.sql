-- What an agent's browser is told over GET /telephony/events (Server-Sent Events). A row is written
-- in the transaction that connects a call to an agent, and pg_notify (delivered on commit) tells every
-- replica that the agent has something new; the replica holding the agent's stream reads it from here.
-- Ids only grow, and per agent they become visible in id order (the advisory lock below), so a stream
-- that has sent event N needs exactly the rows with id > N: the SSE id, the Last-Event-ID of a
-- reconnecting browser. Rows older than mind.telephony.events.replay-window are pruned.
create table agent_event (
    id             bigint generated always as identity primary key,
    user_id        bigint      not null,
    type           text        not null,
    -- the SSE data as sent: {type, ticketId, channelId}
    payload        jsonb       not null,
    queue_entry_id bigint references queue_entry (id) on delete cascade,
    created_at     timestamptz not null default now()
);
create index agent_event_user on agent_event (user_id, id);
create index agent_event_created on agent_event (created_at);

-- openTicket: whenever a call with a ticket becomes assigned to an agent (agentConnected; callReceived
-- with userId, external or none; a call whose ticket was made later by the outbox, once it is linked),
-- whichever code path did it. A trigger, so that no path can forget it and the row is always part of the
-- very transaction that assigned the call.
create function agent_event_open_ticket() returns trigger
    language plpgsql
    set search_path from current
as $$
declare
    event_id bigint;
begin
    if new.status = 'assigned' and new.assigned_user_id is not null and new.ticket_id is not null
       and (tg_op = 'INSERT' or old.ticket_id is null or old.status is distinct from 'assigned'
            or old.assigned_user_id is distinct from new.assigned_user_id) then
        -- one agent's events commit in id order: a stream that has sent id N never misses a smaller id later
        perform pg_advisory_xact_lock(hashtextextended('telephony:agent-event:' || new.assigned_user_id, 0));
        insert into agent_event (user_id, type, payload, queue_entry_id)
        values (new.assigned_user_id, 'openTicket',
                jsonb_build_object('type', 'openTicket', 'ticketId', new.ticket_id, 'channelId', new.channel_id),
                new.id)
        returning id into event_id;
        -- "<userId>:<eventId>"; sent to the listeners of every replica when this transaction commits
        perform pg_notify('telephony_agent_event', new.assigned_user_id || ':' || event_id);
    end if;
    return null;
end
$$;

create trigger queue_entry_open_ticket
    after insert or update of ticket_id, status, assigned_user_id on queue_entry
    for each row execute function agent_event_open_ticket();
