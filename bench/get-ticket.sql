-- pgbench baseline: the SELECTs GET /ticket/{id} runs (the ticket row, then its tags).
\set id random(:lo, :hi)
select * from ticket.ticket where id = :id;
select tag_id from ticket.ticket_tag where ticket_id = :id;
