-- pgbench baseline of the work-queue benchmark: what one getLatest call of bench/get-latest.lua does in
-- PostgreSQL, without HTTP, JSON, auth and settings: the statements ticket-svc sends (WorkQueueRepository,
-- releaseAndClaim), prepared. Each client is one agent walking its queue as the wrk side does: "next" takes the
-- agent's advisory lock, gives up the ticket it holds (logged as released) and claims the first free ticket after it
-- in the default order (priorityThenSla) with FOR NO KEY UPDATE SKIP LOCKED, logging the claim; with nothing after
-- its ticket (cur 0, as at the start) it claims from the top. Variables: tag, cur (start with 0: -D cur=0). One
-- agent per pgbench client. ticket-svc sends the three statements as one string (pgjdbc: one round trip), which
-- pgbench can do only unprepared (a compound command in -M simple): here they are three round trips, prepared.
-- The claim after a ticket starts the index scan at that ticket (a row comparison on the order's keys); with no
-- ticket to start after, the comparison is with a row that precedes every ticket.
\set agent 900000 + :client_id
BEGIN;
select pg_advisory_xact_lock(hashtextextended('bench-claim-' || :agent::text, 0)) from (select set_config('lock_timeout', '5000ms', true)) timeout;
with released as (delete from ticket.ticket_claim where agent_id = :agent::text returning ticket_id, agent_id, claimed_at)
insert into ticket.ticket_event (ticket_id, type, actor_id, data, created_at)
  select ticket_id, 'released', agent_id, jsonb_build_object('agentId', agent_id, 'reason', 'next',
         'heldSeconds', cast(greatest(0, floor(extract(epoch from now() - claimed_at))) as bigint)), greatest(now(), claimed_at)
  from released;
with cand as (
  select t.id, c.agent_id as prev_agent, c.claimed_at as prev_claimed_at from ticket.ticket t
    left join ticket.ticket_claim c on c.ticket_id = t.id
   where t.status = 'open' and (t.agent_id is null or t.agent_id = :agent) and (c.ticket_id is null or c.expires_at <= now())
     and (t.tag_ids && cast(('{' || :tag || '}')::text as bigint[]))
     and (case t.priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end,
          coalesce(t.due_by, timestamptz '2099-12-31 00:00:00+00'), t.id)
       > (select * from (select case t.priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end,
                                coalesce(t.due_by, timestamptz '2099-12-31 00:00:00+00'), t.id from ticket.ticket t where t.id = :cur
                         union all select -1, timestamptz '-infinity', 0::bigint) s order by 3 desc limit 1)
   order by case t.priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end,
            coalesce(t.due_by, timestamptz '2099-12-31 00:00:00+00'), t.id
   limit 1 for no key update of t skip locked),
taken as (
  insert into ticket.ticket_claim (ticket_id, agent_id, claimed_at, expires_at)
  select id, :agent::text, now(), now() + interval '300 seconds' from cand
  on conflict (ticket_id) do update set agent_id = excluded.agent_id, claimed_at = excluded.claimed_at,
     expires_at = excluded.expires_at where ticket.ticket_claim.expires_at <= excluded.claimed_at
  returning ticket_id, xmax <> 0 as took_over),
logged as (
  insert into ticket.ticket_event (ticket_id, type, actor_id, data, created_at)
  select e.ticket_id, e.type, e.actor_id, e.data, now() from (
    select 1 as ord, cand.id as ticket_id, 'released' as type, cast(null as text) as actor_id,
           jsonb_build_object('agentId', cand.prev_agent, 'reason', 'expired',
             'heldSeconds', cast(greatest(0, floor(extract(epoch from now() - cand.prev_claimed_at))) as bigint)) as data
      from cand join taken on taken.ticket_id = cand.id where taken.took_over and cand.prev_agent is not null
    union all select 2, taken.ticket_id, 'claimed', :agent::text,
      jsonb_build_object('agentId', :agent::text, 'expiresAt', (now() + interval '300 seconds')::text,
                         'order', 'priorityThenSla', 'direction', 'next') from taken) e order by e.ord)
select coalesce(taken.ticket_id, 0) as cur, exists (select 1 from ticket.ticket r where r.id = :cur) as ref_exists
  from (select 1) one left join cand on true left join taken on taken.ticket_id = cand.id \gset
END;
