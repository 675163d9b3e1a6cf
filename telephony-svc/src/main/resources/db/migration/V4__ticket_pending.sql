-- A call whose ticket ticket-svc could not make yet is kept: its entry has no ticket_id and no claim,
-- and its outbox holds a createTicket row (its first) that fills ticket_id once ticket-svc is back.
alter table queue_entry drop constraint queue_entry_claim;
alter table queue_entry add constraint queue_entry_claim check (
    (ticket_id is not null and claimed_at is null)
    or (ticket_id is null and channel_id is not null));
