-- pgbench baseline of the request-path benchmark: the statement ticket-svc sends for POST /ticket with the body
-- post-ticket.lua sends (TicketInsert.statement(1), the columns the service fills for it): the ticket's INSERT and
-- its created event's INSERT joined by a data-modifying WITH, one statement, run prepared. The values the service
-- binds are literals here, the NULLs it binds for fields the body leaves out too. bench/insert-ticket-only.sql is
-- the ticket's INSERT alone, without the event the service writes with it (printed beside, for comparison).
with t as (insert into ticket.ticket (version, direction, channel, channel_id, status, priority, interface,
    ai_support_level, spam_status, from_address, from_name, to_addresses, cc_addresses, bcc_addresses, subchannel_id,
    external_ticket_id, agent_id, contract_id, customer_id, subject, body, body_plain, summary, sentiment, language,
    language_code, is_escalated, raw_data, additional_data, attachments, created_by, created_at, modified_at,
    closed_at, first_response_due_by, due_by, last_message_at, last_customer_message_at, tag_ids, assigned_agent_ids,
    customer_legitimation, intent_id)
  values (0, 'in', 'email', null, 'open', 'low', 'internal', 'unprocessed', null, null, null, cast('[]' as jsonb),
    cast('[]' as jsonb), cast('[]' as jsonb), null, null, null, null, null, 'bench post', '<p>bench body</p>',
    'bench body', null, null, null, null, false, null, cast('{}' as jsonb), cast('[]' as jsonb), '2', now(), null,
    null, null, null, now(), now(), cast('{}' as bigint[]), cast('{}' as bigint[]), null, null)
  returning id),
  a as (select cast('2' as text) as actor_id, now() as created_at)
insert into ticket.ticket_event (ticket_id, type, actor_id, technical, data, created_at)
  select t.id, e.type, a.actor_id, e.technical, e.data, a.created_at
  from t cross join a cross join (values (1, 'created', false, cast('{"process":"requested","channel":"email"}' as jsonb)))
    as e(ord, type, technical, data)
  order by e.ord returning ticket_id;
