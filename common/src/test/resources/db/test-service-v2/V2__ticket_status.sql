-- A migration the schema of StartupMigrationsTest has not had yet.
alter table ticket add column status text;
