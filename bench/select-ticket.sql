-- pgbench baseline of the request-path benchmark: the single-row select by id (run prepared).
\set id random(:lo, :hi)
select * from ticket.ticket where id = :id;
