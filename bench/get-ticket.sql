-- pgbench baseline: the SELECT GET /ticket/{id} runs (tags are an array column of the ticket row).
\set id random(:lo, :hi)
select * from ticket.ticket where id = :id;
