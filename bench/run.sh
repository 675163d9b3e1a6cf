#!/usr/bin/env bash
# Measures a running suite (./mind up) against baselines taken in the same run, and prints ratios:
#   1. GET /ticket/{id} through the front door  ÷  pgbench running the same SELECTs
#   2. callReceived (telephony → ticket → PostgreSQL) at a fixed 200 req/s: latency percentiles
#   3. each service: start-to-ready time (from its log) and RSS after the load
# The load tools, the services and PostgreSQL share the machine, so compare only ratios.
# Environment: BENCH_SECONDS (15), BENCH_CONNECTIONS (8), BENCH_TICKETS (2000), MIND_PORT, MIND_PG_PORT.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
SECONDS_EACH=${BENCH_SECONDS:-15}
CONNS=${BENCH_CONNECTIONS:-8}
TICKETS=${BENCH_TICKETS:-2000}
FRONT=http://localhost:${MIND_PORT:-8080}
PGURL="postgresql://postgres@localhost:${MIND_PG_PORT:-54329}/postgres"
DATA=${MIND_DATA:-$PWD/.mind}

SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
command -v wrk >/dev/null || { echo "installing wrk"; $SUDO apt-get install -y wrk >/dev/null; }
command -v pgbench >/dev/null || { echo "pgbench is needed (Debian: postgresql-client)"; exit 1; }
[ -x bench/node_modules/.bin/autocannon ] || (cd bench && npm install --silent >/dev/null)
curl -sf "$FRONT/api/mind/docs/open-api" >/dev/null || { echo "start the suite first: ./mind up"; exit 1; }

AGENT=$(./mind token agent)
TELEPHONY=$(./mind token telephony)

source bench/seed.sh
source bench/measure.sh
seed_tickets "$FRONT" "$AGENT" "$TICKETS" '{"channel":"email","subject":"bench {}","body":"<p>bench body</p>","tags":[1,2]}'

echo "== GET /ticket/{id}: warm-up"
wrk -t2 -c"$CONNS" -d15s -s bench/get-ticket.lua "$FRONT" -- "$first" "$last" "$AGENT" >/dev/null

echo "== baseline: pgbench, same SELECTs, $CONNS clients, ${SECONDS_EACH}s"
pg_tps=$(pgbench -n -c "$CONNS" -j 2 -T "$SECONDS_EACH" -D lo="$first" -D hi="$last" -f "$(ticket_select_script)" "$PGURL" 2>/dev/null \
  | awk '/^tps/ {print int($3)}')
echo "pgbench: $pg_tps tps"

echo "== GET /ticket/{id} through the front door, $CONNS connections, ${SECONDS_EACH}s"
wrk_out=$(wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency -s bench/get-ticket.lua "$FRONT" -- "$first" "$last" "$AGENT")
rps=$(echo "$wrk_out" | awk '/^Requests\/sec/ {print int($2)}')
non2xx=$(echo "$wrk_out" | awk '/Non-2xx/ {print $5}')
echo "front door: $rps req/s (non-2xx: ${non2xx:-0}), p99 $(echo "$wrk_out" | awk '$1=="99%" {print $2}')"

call_received() { # $1 = seconds; every call gets a new channelId
  bench/node_modules/.bin/autocannon -j -c 20 --overallRate 200 -d "$1" -m POST -I \
    -H "Authorization=Bearer $TELEPHONY" -H 'Content-Type=application/json' \
    -b '{"routing":"native","channelId":"bench-[<id>]","callerName":"Bench Caller","phone":"+4930123456","transcript":[{"speaker":"bot","message":"Hello","timestamp":"2024-01-23T14:32:11Z"}]}' \
    "$FRONT/api/mind/telephony/callReceived" 2>/dev/null
}
echo "== callReceived: warm-up"
call_received 8 >/dev/null
echo "== callReceived at 200 req/s for ${SECONDS_EACH}s"
ac=$(call_received "$SECONDS_EACH")
echo "$ac" | node -e 'const r=JSON.parse(require("fs").readFileSync(0));
  console.log(`callReceived: ${r.requests.total} calls, ${r["2xx"]} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors; ` +
    `latency p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`)'

echo "== services: start-to-ready and RSS after load"
for log in "$DATA"/logs/*-svc.log; do
  svc=$(basename "$log" .log)
  started=$(grep -o 'started in [0-9.]*s' "$log" | tail -1)
  pid=$(pgrep -f "$svc/target/quarkus-app/quarkus-run.jar" | head -1 || true)
  rss=$([ -n "$pid" ] && ps -o rss= -p "$pid" | awk '{printf "%d MB", $1/1024}')
  printf '%-17s %-20s RSS %s\n' "$svc" "$started" "${rss:-?}"
done

echo
echo "== ratios"
awk -v a="$rps" -v b="$pg_tps" 'BEGIN {printf "GET /ticket/{id} via front door / pgbench same SELECTs = %.2f (target >= 0.6)\n", a / b}'
