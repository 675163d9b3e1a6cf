-- Microsoft mailbox OAuth. Kept apart from subchannel.data so that tokens never travel with a subchannel.

-- One row per authorization started: the state sent to Microsoft names it; used once, then kept until it expires.
create table mailbox_oauth_state (
    id             text        primary key,
    subchannel_id  bigint      not null references subchannel (id) on delete cascade,
    -- the PKCE code_verifier, sealed (SecretBox, context mailbox-oauth-state:<id>)
    code_verifier  text        not null,
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    used_at        timestamptz
);
create index mailbox_oauth_state_expires_at on mailbox_oauth_state (expires_at);

-- The tokens of an authorized mailbox, sealed (SecretBox, context mailbox-oauth:<subchannelId>).
create table mailbox_oauth (
    subchannel_id            bigint      primary key references subchannel (id) on delete cascade,
    access_token             text        not null,
    refresh_token            text,
    access_token_expires_at  timestamptz not null,
    scope                    text,
    authorized_at            timestamptz not null,
    refreshed_at             timestamptz
);
create index mailbox_oauth_access_token_expires_at on mailbox_oauth (access_token_expires_at);
