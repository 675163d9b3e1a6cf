-- Ticket events reach settings-svc's event hooks (mind.ticket.hooks.HookRelay). Each event row carries the id of
-- the transaction that wrote it: ids come from a sequence and commit out of order, so "the rows after the last id
-- sent" can pass over a row whose transaction commits late; "the rows of the transactions that have all ended"
-- cannot. Rows written before this migration keep tx null and are never relayed (history is not replayed).
alter table ticket_event add column tx xid8;
alter table ticket_event alter column tx set default pg_current_xact_id();

create index ticket_event_tx on ticket_event (tx, id);

-- The relay's cursor, one row: every event with tx < horizon was relayed (or is not relayed), and no
-- transaction that wrote one is still running. A round takes the row with a lease (one replica at a time),
-- reads the events with horizon <= tx < the oldest running transaction, sends them, then moves the horizon.
create table hook_relay (
    name         text primary key,
    horizon      xid8        not null,
    -- the replica relaying now (a random id per round) and until when; null: nobody
    leased_by    uuid,
    leased_until timestamptz,
    moved_at     timestamptz not null default now()
);

-- starts at the oldest transaction running now: every event written from here on is relayed
insert into hook_relay (name, horizon) values ('ticket-events', pg_snapshot_xmin(pg_current_snapshot()));
