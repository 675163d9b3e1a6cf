#!/usr/bin/env bash
# A/B of two variants of ticket-svc against the running suite's PostgreSQL: two copies of the suite's own
# ticket-svc (its command line and environment, read from /proc), each with extra JVM options, on ports of their
# own; both warmed up at length, then measured in turns (A B, then B A, ...), so that the machine's drift falls on
# both alike. Prints req/s and ticket-svc's CPU per request (from /proc) of every round and the means; pgbench's
# select by id runs in each round too, as the usual baseline; last, the resident memory of each copy.
#   bench/ab.sh "<options of A>" "<options of B>"     e.g. bench/ab.sh "-Dmind.x=1" "-Dmind.x=2"
# Environment: BENCH_AB_PATHS ("get post", what to measure), BENCH_ROUNDS (6), BENCH_SECONDS (10),
# BENCH_CONNECTIONS (16), BENCH_WARMUP_SECONDS (15, three times per copy and path), BENCH_TICKETS (2000),
# BENCH_AB_PORTS ("9181 9182"). Needs a running suite (./mind up); the copies are stopped at the end.
BENCH_ROUNDS=${BENCH_ROUNDS:-6}
source "$(dirname "$(readlink -f "$0")")/common.sh"
source bench/seed.sh
source bench/measure.sh
A_OPTS=${1:?options of A}
B_OPTS=${2:?options of B}
read -r PORT_A PORT_B <<<"${BENCH_AB_PORTS:-9181 9182}"
PATHS=${BENCH_AB_PATHS:-get post}
WARM=${BENCH_WARMUP_SECONDS:-15}
AGENT=$(./mind token agent)

# the suite's ticket-svc: its java, options and jar, and its environment
mapfile -d '' CMD < "/proc/$PID/cmdline"
mapfile -d '' ENV < "/proc/$PID/environ"
JAR_AT=-1
for i in "${!CMD[@]}"; do [ "${CMD[$i]}" = -jar ] && JAR_AT=$i; done
[ "$JAR_AT" -gt 0 ] || { echo "the suite's ticket-svc was not started with -jar"; exit 1; }

LOGS=$(mktemp -d)
COPIES=()
start_copy() { # $1 = port, $2 = extra options; prints the pid
  local -a extra
  read -r -a extra <<<"$2"
  env -i "${ENV[@]}" "QUARKUS_HTTP_PORT=$1" "${CMD[@]:0:$JAR_AT}" "${extra[@]}" "${CMD[@]:$JAR_AT}" \
    > "$LOGS/$1.log" 2>&1 &
  echo $!
}
stop_copies() { for p in "${COPIES[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_copies EXIT

PID_A=$(start_copy "$PORT_A" "$A_OPTS"); COPIES+=("$PID_A")
PID_B=$(start_copy "$PORT_B" "$B_OPTS"); COPIES+=("$PID_B")
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 120); do curl -sf "http://localhost:$port/q/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "http://localhost:$port/q/health/ready" >/dev/null || { echo "the copy on $port did not start: $LOGS/$port.log"; exit 1; }
done
echo "A (port $PORT_A, pid $PID_A): $A_OPTS"
echo "B (port $PORT_B, pid $PID_B): $B_OPTS"

seed_tickets "$TICKET" "$AGENT" "$TICKETS" '{"channel":"email","subject":"bench {}","body":"<p>bench body</p>"}'
SELECT_SQL=$(ticket_select_script)

load() { # $1 = path (get|post), $2 = base URL, $3 = seconds
  case $1 in
    get) wrk -t2 -c"$CONNS" -d"$3s" -s bench/get-ticket.lua "$2" -- "$first" "$last" "$AGENT" ;;
    post) wrk -t2 -c"$CONNS" -d"$3s" -s bench/post-ticket.lua "$2" -- "$AGENT" ;;
  esac
}
echo "== warm-up (${WARM}s per copy and path, three times)"
for _ in 1 2 3; do
  for path in $PATHS; do load "$path" "http://localhost:$PORT_A" "$WARM" >/dev/null 2>&1; load "$path" "http://localhost:$PORT_B" "$WARM" >/dev/null 2>&1; done
done

measure() { # $1 = path, $2 = A|B
  local port pid
  if [ "$2" = A ]; then port=$PORT_A; pid=$PID_A; else port=$PORT_B; pid=$PID_B; fi
  PID=$pid
  case $1 in
    get) http "$1 $2" "http://localhost:$port" bench/get-ticket.lua "$first" "$last" "$AGENT" ;;
    post) http "$1 $2" "http://localhost:$port" bench/post-ticket.lua "$AGENT" ;;
  esac
}
declare -A ROUND_CPU
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round"
  pg "pgbench select by id" "$SELECT_SQL" -D lo="$first" -D hi="$last"
  order="A B"; [ $((round % 2)) = 0 ] && order="B A"
  for path in $PATHS; do
    for v in $order; do
      before=${CPU_SUM["$path $v"]:-0}
      measure "$path" "$v"
      ROUND_CPU["$path $v"]="${ROUND_CPU["$path $v"]:-}$(( ${CPU_SUM["$path $v"]} - before )) "
    done
  done
done

echo
echo "| measure | A | B | B ÷ A |"
echo "|---|---|---|---|"
echo "| pgbench select by id | $(avg "pgbench select by id") tps | | |"
for path in $PATHS; do
  a=$(avg "$path A"); b=$(avg "$path B")
  echo "| $path req/s (mean of $ROUNDS rounds) | $a | $b | $(ratio "$b" "$a") |"
  echo "| $path ticket-svc CPU µs per request (mean) | $(cpu "$path A") | $(cpu "$path B") | $(ratio "$(cpu "$path B")" "$(cpu "$path A")") |"
  echo "| $path CPU per round | ${ROUND_CPU["$path A"]}| ${ROUND_CPU["$path B"]}| |"
done
rss() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
echo "| RSS after the rounds (MB) | $(rss "$PID_A") | $(rss "$PID_B") | |"
