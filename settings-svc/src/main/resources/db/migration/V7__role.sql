-- Roles: the three base roles (admin 1, agent 2, serviceWorker 3), whose permissions are fixed in code
-- (RolePermissions), and custom roles an admin defines on top of one of them with their own permission
-- names. A profile names a custom role in role_id; profile.role stays the custom role's base role, which
-- is what services check.
create table role (
    id           bigint generated always as identity (start with 4) primary key,
    version      integer     not null default 0,
    name         text        not null,
    -- null for a base role; 1, 2 or 3 for a custom role
    base_role_id bigint      references role (id),
    -- a custom role's permission names; empty for the base roles (their permissions come from the code)
    permissions  text[]      not null default '{}',
    created_at   timestamptz not null,
    modified_at  timestamptz not null,
    constraint role_base_check check ((id <= 3) = (base_role_id is null) and (base_role_id is null or base_role_id <= 3))
);
-- names are unique regardless of case (RoleService checks first and answers 409 naming name)
create unique index role_name_key on role (lower(name));

insert into role (id, name, base_role_id, created_at, modified_at) overriding system value values
    (1, 'admin', null, now(), now()),
    (2, 'agent', null, now(), now()),
    (3, 'serviceWorker', null, now(), now());

-- null: the profile has its base role (profile.role) alone. No cascade: a role with members is deleted
-- only after they were moved (RoleService.delete, same transaction), and a profile cannot be pointed at a
-- role that is being deleted (the assignment holds the role row FOR SHARE).
alter table profile add column role_id bigint references role (id);
create index profile_role_id on profile (role_id);
