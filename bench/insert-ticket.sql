-- pgbench baseline of the request-path benchmark: the INSERT behind POST /ticket with the body
-- post-ticket.lua sends (the columns the service fills for it), run prepared.
insert into ticket.ticket (direction, channel, status, priority, interface, ai_support_level, subject, body,
    body_plain, created_by, created_at, last_message_at, last_customer_message_at)
values ('in', 'email', 'open', 'low', 'internal', 'unprocessed', 'bench post', '<p>bench body</p>', 'bench body', '2',
    now(), now(), now());
