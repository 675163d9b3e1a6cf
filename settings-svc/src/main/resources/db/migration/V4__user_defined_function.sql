-- User-defined functions: source code run by the executor, called by name (tools are offered to smart agents).
create table user_defined_function (
    id          bigint generated always as identity primary key,
    name        text        not null,
    -- tool | udf
    type        text        not null,
    -- python311 | node20 | php82
    language    text        not null,
    code        text        not null,
    packages    text        not null default '',
    -- an object or array describing the function's input
    parameters  jsonb       not null default '{}',
    version     bigint      not null default 0,
    created_at  timestamptz not null default now()
);

-- Names are called by URL (/executor/execute/{name}), so they are unique regardless of case. The
-- service checks first (409 naming the field); this index is the backstop.
create unique index user_defined_function_name_key on user_defined_function (lower(name));
create index user_defined_function_type on user_defined_function (type);
