-- A repeatable migration: Flyway runs it again whenever it changes, so StartupMigrations always leaves it to Flyway.
create or replace view open_ticket as select id, subject from ticket;
