# Sourced first by every bench script: the suite's addresses, the load tools (wrk installed when
# missing), and the processes whose CPU time is read from /proc.
# Environment: BENCH_SECONDS (10 per phase), BENCH_CONNECTIONS (16), BENCH_ROUNDS (2), BENCH_TICKETS
# (2000), BENCH_LABEL (names the build measured in the report, default this checkout's commit),
# MIND_PORT, MIND_SERVICE_PORT_BASE, MIND_PG_PORT (the suite's ports, as ./mind up reads them).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-16}
ROUNDS=${BENCH_ROUNDS:-2}
TICKETS=${BENCH_TICKETS:-2000}
PORT_BASE=${MIND_SERVICE_PORT_BASE:-8081}
FRONT=http://localhost:${MIND_PORT:-8080}
TICKET=http://localhost:$PORT_BASE
TELEPHONY_URL=http://localhost:$((PORT_BASE + 4))
PGURL="postgresql://postgres@localhost:${MIND_PG_PORT:-54329}/postgres"
HZ=$(getconf CLK_TCK)
LABEL=${BENCH_LABEL:-commit $(git rev-parse --short HEAD)}

SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
command -v wrk >/dev/null || { echo "installing wrk"; $SUDO apt-get install -y wrk >/dev/null; }
command -v pgbench >/dev/null && command -v psql >/dev/null || { echo "pgbench and psql are needed (Debian: postgresql-client)"; exit 1; }
curl -sf "$TICKET/q/health/ready" >/dev/null || { echo "start the suite first: ./mind up"; exit 1; }

# the process listening on a port (another suite may run on the machine: pick this one's by port)
listener() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
PID=$(listener "$PORT_BASE")
[ -n "$PID" ] || PID=$(pgrep -f "ticket-svc/target/quarkus-app/quarkus-run.jar" | head -1)
FRONT_PID=$(listener "${MIND_PORT:-8080}" || true)
