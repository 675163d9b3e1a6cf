#!/bin/bash
# Runs once, when the dev PostgreSQL initialises its data directory (docker-entrypoint-initdb.d):
# one login role per service, owning the schema named after it and nothing else.
set -euo pipefail
for role in ticket aiagent qualitycheck settings telephony; do
  password_var="MIND_PASSWORD_${role^^}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
       -v role="$role" -v password="${!password_var}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
GRANT CONNECT ON DATABASE :"DBNAME" TO :"role";
CREATE SCHEMA :"role" AUTHORIZATION :"role";
REVOKE ALL ON SCHEMA :"role" FROM PUBLIC;
SQL
done
# no service may create objects outside its own schema, nor connect as anyone's role but its own
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
SQL
