-- POST /ticket/search's q covers the ticket's history too (CLIENTS.md: "full text over
-- subject/summary/bodyPlain/history"): every message of the thread, mails in and out, chat and phone
-- messages and internal notes; not drafts (unsent, one agent's own). The same 'simple' configuration as the
-- ticket's vector (V6), the body up to its first 100,000 characters. A ticket matches when its own vector or
-- one of its messages' vectors does; relevance ranks by the ticket's own vector.
alter table conversation add column search_vector tsvector generated always as (
    case when is_draft then null else
        to_tsvector('simple', coalesce(subject, '')) || to_tsvector('simple', left(coalesce(body_plain, ''), 100000))
    end
) stored;

create index conversation_search_vector on conversation using gin (search_vector);
