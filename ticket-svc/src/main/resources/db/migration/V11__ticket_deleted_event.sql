-- A ticket's deletion is an event of the log that outlives its ticket (TicketDeleted for the event hooks): its row
-- has no ticket_id, so deleting the ticket does not cascade to it, and names the ticket in data.ticketId. It is
-- written in the deleting transaction and carries that transaction's tx like every other row, so the hook relay
-- reads it in the same order, with the same horizon, as the rest of the log. Only a deletion may lack a ticket:
-- every other row still goes with its ticket, and the activity (ticket_id = ?) never sees a deletion.
alter table ticket_event alter column ticket_id drop not null;
alter table ticket_event add constraint ticket_event_ticket_or_deleted
    check (ticket_id is not null or (type = 'deleted' and data ? 'ticketId')) not valid;
alter table ticket_event validate constraint ticket_event_ticket_or_deleted;
