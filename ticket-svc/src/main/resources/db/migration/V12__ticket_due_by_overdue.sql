-- TicketDueByOverdue: a ticket neither resolved nor closed whose dueBy has passed gets one dueByOverdue event per
-- dueBy value (mind.ticket.service.DueByOverdueScan). overdue_notified_due_by is the dueBy last told: the scan sets
-- it to due_by in the statement that appends the event, so a ticket is told once per value (two replicas scanning at
-- once: the row lock and the recheck of this column let one of them write it), and a dueBy moved on is told again
-- once it passes. Not part of the API; no version or modifiedAt moves with it.
alter table ticket add column overdue_notified_due_by timestamptz;

-- what was overdue before this migration counts as told: history is not replayed (as with the hook relay's horizon)
update ticket set overdue_notified_due_by = due_by
    where due_by <= now() and status not in ('resolved', 'closed');

-- The scan's candidates only: a ticket leaves this index once told of its dueBy (and comes back when dueBy
-- changes), so a tick reads the overdue tickets not yet told, oldest dueBy first, however large the table. The
-- predicate must stay character for character equal to the scan's (TicketOverdueRepository).
create index ticket_due_by_overdue on ticket (due_by, id)
    where due_by is not null and status not in ('resolved', 'closed') and overdue_notified_due_by is distinct from due_by;
