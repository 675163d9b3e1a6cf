-- Native routing. An agent_state row (V3) is the agent's lock in this schema: current_entry_id names the one
-- call the agent is reserved for or talking on (set only while it is null, so two replicas never give one
-- agent two calls; the unique index keeps one call from holding two agents), last_call_ended_at says since
-- when the agent is idle (longest idle first). reserved_at tells a reservation whose replica died before it
-- finished (the call still waiting) from one in progress.
alter table agent_state add column reserved_at timestamptz;

-- The waiting native calls, oldest first: what the routing pass and the fairness check read.
create index queue_entry_waiting_native on queue_entry (id)
    where status = 'waitingForAgent' and routing = 'native';
