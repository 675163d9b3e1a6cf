-- Fields a PATCH may change that the ticket did not have yet, and the lookups of GET /ticket/{id}/history.
alter table ticket add column assigned_agent_ids bigint[] not null default '{}';
-- enneo's legitimation level of the customer on this ticket (0 = none)
alter table ticket add column customer_legitimation integer;
-- the AI agent (intent) an agent chose for the ticket
alter table ticket add column intent_id bigint;

-- history: the other tickets of the same customer or contract, newest first (a BitmapOr of the two)
create index ticket_history_customer on ticket (customer_id, created_at desc) where customer_id is not null;
create index ticket_history_contract on ticket (contract_id, created_at desc) where contract_id is not null;
