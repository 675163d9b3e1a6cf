-- pgbench baseline of POST /ticket/search (bench/search.lua): the two statements ticket-svc runs for it,
-- the page of compact columns and the count with the same conditions (run prepared).
select t.id, t.direction, t.from_address, t.from_name, cast(t.to_addresses as text) as to_addresses,
       cast(t.cc_addresses as text) as cc_addresses, cast(t.bcc_addresses as text) as bcc_addresses, t.subchannel_id,
       t.external_ticket_id, t.sentiment, t.language, t.language_code, t.spam_status, t.ai_support_level,
       t.interface, t.priority, t.channel, t.channel_id, t.status, t.summary, t.subject, t.is_escalated,
       t.created_at, t.modified_at, t.first_response_due_by, t.due_by, t.closed_at, t.last_message_at,
       t.last_customer_message_at, t.customer_id, t.contract_id, t.agent_id,
       cast(t.additional_data as text) as additional_data, t.tag_ids
  from ticket.ticket t
 where (t.status = any('{open,pending}'::text[])) and t.tag_ids && '{1}'::bigint[]
 order by t.id desc limit 20 offset 0;
select count(*) from ticket.ticket t where (t.status = any('{open,pending}'::text[])) and t.tag_ids && '{1}'::bigint[];
