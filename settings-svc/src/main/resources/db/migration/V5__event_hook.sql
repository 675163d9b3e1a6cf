-- Event hooks: a user-defined function run when an event of a type occurs (enneo's Settings -> Events).
create table event_hook (
    id          bigint generated always as identity primary key,
    -- one of the documented event types (EventType in the code)
    event       text        not null,
    -- the function run for the event; a function used by a hook is not deleted (409), this key is the backstop
    udf_id      bigint      not null references user_defined_function (id) on delete restrict,
    version     bigint      not null default 0,
    created_at  timestamptz not null default now()
);

-- The same function twice on one event would run it twice per event. The service checks first (409 naming
-- the field); this index is the backstop.
create unique index event_hook_event_udf_key on event_hook (event, udf_id);
create index event_hook_udf on event_hook (udf_id);
