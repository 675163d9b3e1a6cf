create table subchannel (
    id          bigint generated always as identity primary key,
    channel     text        not null,
    name        text        not null,
    is_default  boolean     not null default false,
    interface   text        not null,
    enabled     boolean     not null default true,
    -- Channel-specific configuration, e.g. IMAP credentials for a mailbox.
    data        jsonb       not null default '{}',
    created_at  timestamptz not null default now()
);

-- At most one default per channel. The service also serializes default switches per channel, so
-- this index is the last line of defence rather than the mechanism.
create unique index subchannel_one_default_per_channel on subchannel (channel) where is_default;
create index subchannel_channel on subchannel (channel);
