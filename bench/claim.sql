-- pgbench baseline of the work-queue benchmark: what one getLatest call of bench/get-latest.lua does in
-- PostgreSQL, without HTTP, JSON, auth and settings. Each client is one agent walking its queue as the wrk
-- side does: "next" gives up the ticket it holds (logged) and claims the first free ticket after it in the
-- default order (priorityThenSla), with FOR NO KEY UPDATE SKIP LOCKED (logged), all in one transaction under
-- the agent's advisory lock; holding nothing (the first call, or nothing was left after its ticket) it
-- claims the first free ticket from the top ("earliest"). Variables: tag. One agent per pgbench client.
-- Like the service, the claim after a ticket starts the index scan at that ticket (a row comparison on the
-- order's keys): a claim from the top would scan past every ticket ordered before the run's tickets. With no
-- ticket to start after (ref 0), the comparison is with a row that precedes every ticket.
\set agent 900000 + :client_id
BEGIN;
select pg_advisory_xact_lock(hashtext('bench-claim'), :agent);
with released as (delete from ticket.ticket_claim where agent_id = :agent::text returning ticket_id),
logged as (insert into ticket.ticket_event (ticket_id, type, actor_id, data, created_at)
  select ticket_id, 'released', :agent::text, jsonb_build_object('agentId', :agent::text, 'reason', 'next'), now() from released)
select coalesce((select ticket_id from released), 0) as ref \gset
with cand as (
  select t.id from ticket.ticket t left join ticket.ticket_claim c on c.ticket_id = t.id
   where t.status = 'open' and t.agent_id is null and (c.ticket_id is null or c.expires_at <= now())
     and t.tag_ids && array[:tag]::bigint[]
     and (case t.priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end,
          coalesce(t.due_by, timestamptz '2099-12-31 00:00:00+00'), t.id)
       > (select * from (select case r.priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end,
                                coalesce(r.due_by, timestamptz '2099-12-31 00:00:00+00'), r.id from ticket.ticket r where r.id = :ref
                         union all select -1, timestamptz '-infinity', 0::bigint) s order by 3 desc limit 1)
   order by case t.priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end,
            coalesce(t.due_by, timestamptz '2099-12-31 00:00:00+00'), t.id
   limit 1 for no key update of t skip locked),
taken as (
  insert into ticket.ticket_claim (ticket_id, agent_id, claimed_at, expires_at)
  select id, :agent::text, now(), now() + interval '300 seconds' from cand
  on conflict (ticket_id) do update set agent_id = excluded.agent_id, claimed_at = excluded.claimed_at,
     expires_at = excluded.expires_at where ticket.ticket_claim.expires_at <= excluded.claimed_at
  returning ticket_id)
insert into ticket.ticket_event (ticket_id, type, actor_id, data, created_at)
  select ticket_id, 'claimed', :agent::text, jsonb_build_object('agentId', :agent::text), now() from taken;
END;
