create table ai_agent (
    id                 bigint generated always as identity primary key,
    version            integer     not null default 0,
    slug               text        not null,
    name               text        not null,
    description        text,
    tag_id             bigint,
    channels           jsonb       not null default '["all"]',
    intelligence       text        not null,
    appearance         jsonb       not null default '{}',
    example_ticket_ids jsonb       not null default '[]',
    settings           jsonb       not null default '{}',
    enabled            boolean     not null default true,
    created_by         text,
    created_at         timestamptz not null,
    modified_at        timestamptz
);

-- The slug (enneo's "code") is the agent's second identity: GET /aiAgent/{id} accepts it.
create unique index ai_agent_slug on ai_agent (slug);
create index ai_agent_tag_id on ai_agent (tag_id);
