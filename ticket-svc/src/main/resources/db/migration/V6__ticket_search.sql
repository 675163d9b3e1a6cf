-- Full-text search for POST /ticket/search (filter key q). A generated column keeps the document
-- in step with the row on every insert and update; a GIN index answers @@.
--
-- Text search configuration 'simple' (lower-cased words, no stemming, no stop words): tickets come in
-- mixed languages (German and English side by side, often within one thread), and one language's
-- stemmer would mangle the others' words while dropping their stop words would not. 'simple' matches
-- the words as written in every language alike, keeps ids, numbers and e-mail addresses as tokens, and
-- its query side (websearch_to_tsquery('simple', ...)) needs no per-ticket language choice.
-- Weights rank subject over summary over body for orderByField=relevance. The body is indexed up to
-- its first 100,000 characters: a tsvector has a size limit, and the beginning carries the request.
alter table ticket add column search_vector tsvector generated always as (
    setweight(to_tsvector('simple', coalesce(subject, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(summary, '')), 'B')
    || setweight(to_tsvector('simple', left(coalesce(body_plain, ''), 100000)), 'C')
) stored;

create index ticket_search_vector on ticket using gin (search_vector);

-- a numeric q also matches contract and customer ids
create index ticket_search_contract_id on ticket (contract_id) where contract_id is not null;
create index ticket_search_customer_id on ticket (customer_id) where customer_id is not null;
