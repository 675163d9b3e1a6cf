-- enneo lists agents ("intent") and answer templates ("template") under one resource; categoryFilter picks.
alter table ai_agent add column category text not null default 'intent';

-- GET /aiAgents?q= ranks by this: the name weighs more than the description. 'simple' because agent
-- names mix German and English, where a language's stemmer would mangle the other.
alter table ai_agent add column search tsvector generated always as (
    setweight(to_tsvector('simple', coalesce(name, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) stored;
create index ai_agent_search on ai_agent using gin (search);
create index ai_agent_category on ai_agent (category);
