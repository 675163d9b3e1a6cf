-- A service's first migration, standing in for any service's V1 in CommonMigrationsTest.
create table ticket (
    id      bigserial primary key,
    subject text not null
);
