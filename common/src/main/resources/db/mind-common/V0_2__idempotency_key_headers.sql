-- The response headers an Idempotency-Key replay repeats (ETag, Location, Retry-After,
-- Content-Type), as a JSON object of strings. Null for rows stored before this column and for
-- claims whose request is still running.
alter table idempotency_key add column headers jsonb;
