-- The ticket's INSERT alone (no created event), as bench/insert-ticket.sql's baseline was up to ba830f9: printed
-- beside the service's own statement by the request-path benchmark, run prepared.
insert into ticket.ticket (direction, channel, status, priority, interface, ai_support_level, subject, body,
    body_plain, created_by, created_at, last_message_at, last_customer_message_at)
values ('in', 'email', 'open', 'low', 'internal', 'unprocessed', 'bench post', '<p>bench body</p>', 'bench body', '2',
    now(), now(), now());
