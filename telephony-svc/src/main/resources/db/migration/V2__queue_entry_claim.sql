-- A call's entry is claimed before its ticket exists: the row with its channelId is committed first,
-- ticket-svc is called with no transaction or connection held, and the ticket id is filled in after.
-- While claimed, an entry has no ticket_id and claimed_at says since when (by the database's clock,
-- which all pods share); a claim older than the longest ticket-svc call may be taken over.
alter table queue_entry alter column ticket_id drop not null;
alter table queue_entry add column claimed_at timestamptz;
alter table queue_entry add constraint queue_entry_claim check (
    (ticket_id is not null and claimed_at is null)
    or (ticket_id is null and claimed_at is not null and channel_id is not null));
