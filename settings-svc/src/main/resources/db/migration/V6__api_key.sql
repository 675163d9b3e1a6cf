-- API keys: long-lived bearer tokens an integration uses instead of a login (POST /jwt/{profileId}).
-- Only the SHA-256 of the key's secret is kept; the key itself is shown once, when it is issued.
create table api_key (
    id           bigint generated always as identity primary key,
    profile_id   bigint      not null references profile (id) on delete cascade,
    name         text        not null,
    secret_hash  bytea       not null,
    -- the key's last four characters, so that people can tell their keys apart
    token_suffix text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    -- the principal that issued it (a profile id)
    issued_by    text        not null
);
create index api_key_profile on api_key (profile_id, id);
