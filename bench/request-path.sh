#!/usr/bin/env bash
# The request-path benchmark: what one request costs in ticket-svc, against PostgreSQL doing the
# same SQL, in one run with the phases interleaved (rounds), so that only ratios are compared.
#   pgbench select by id | GET /ticket/{id} straight to ticket-svc | the same through the front door
#   | GET /q/health/live | pgbench running the statement POST /ticket sends (the ticket and its created event)
#   | pgbench running the ticket's INSERT alone | POST /ticket straight to ticket-svc
# For each HTTP phase it reads ticket-svc's and the front door's CPU time from /proc and prints
# CPU per request.
# Prints the ratios and appends them to bench/RESULTS.md.
# Needs a running suite (./mind up). Environment: BENCH_SECONDS (10 per phase), BENCH_CONNECTIONS
# (16), BENCH_ROUNDS (2), BENCH_TICKETS (2000), BENCH_WARMUP_SECONDS (20 per path, twice),
# BENCH_OPEN_LOOP_WARMUP_SECONDS (5, before the constant-rate phase), BENCH_LABEL (names the build measured in the report,
# default this checkout's commit), MIND_PORT, MIND_SERVICE_PORT_BASE, MIND_PG_PORT.
source "$(dirname "$(readlink -f "$0")")/common.sh"
AGENT=$(./mind token agent)

source bench/seed.sh
source bench/measure.sh
seed_tickets "$TICKET" "$AGENT" "$TICKETS" '{"channel":"email","subject":"bench {}","body":"<p>bench body</p>"}'

SELECT_SQL=$(ticket_select_script)
get_args() { echo bench/get-ticket.lua "$first" "$last" "$AGENT"; }

# The JIT needs a while: POST /ticket's CPU per request still falls by a third between its second and
# its fourth 8-second run after a start, so every path is warmed up at length first.
WARM=${BENCH_WARMUP_SECONDS:-20}
echo "== warm-up (${WARM}s per path, twice)"
for _ in 1 2; do
  wrk -t2 -c"$CONNS" -d"${WARM}s" -s bench/get-ticket.lua "$TICKET" -- "$first" "$last" "$AGENT" >/dev/null 2>&1
  wrk -t2 -c"$CONNS" -d"${WARM}s" -s bench/get-ticket.lua "$FRONT" -- "$first" "$last" "$AGENT" >/dev/null 2>&1
  wrk -t2 -c"$CONNS" -d"${WARM}s" -s bench/post-ticket.lua "$TICKET" -- "$AGENT" >/dev/null 2>&1
done

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round ($CONNS connections, ${SECS}s each)"
  pg "pgbench select by id" "$SELECT_SQL" -D lo="$first" -D hi="$last"
  http "GET /ticket/{id} direct" "$TICKET" $(get_args)
  http "GET /ticket/{id} front door" "$FRONT" $(get_args)
  http "GET /q/health/live" "$TICKET" bench/health.lua
  pg "pgbench insert" bench/insert-ticket.sql
  pg "pgbench insert ticket only" bench/insert-ticket-only.sql
  http "POST /ticket direct" "$TICKET" bench/post-ticket.lua "$AGENT"
done

sel=$(avg "pgbench select by id"); direct=$(avg "GET /ticket/{id} direct"); front=$(avg "GET /ticket/{id} front door")
health=$(avg "GET /q/health/live"); ins=$(avg "pgbench insert"); ins_only=$(avg "pgbench insert ticket only"); post=$(avg "POST /ticket direct")

# Latency at a constant rate (open loop, bench/constant-rate.js), straight and through the front door: half of the
# slower path's throughput (the front door's), so that both paths can sustain it beside the load tool, which costs
# CPU of its own (at half of the direct path's 13,333 req/s the front door fell behind: RESULTS.md, 2026-12-05)
# The load tool warms up first at the same rate, in the same stream (WARMUP): a cold start of node (its JIT, a new
# connection per request until answers come back) put 300-600 ms into the p99 of a 10 s phase (RESULTS.md, 2026-12-04)
FIXED=$(( (front < direct ? front : direct) / 2 ))
OPEN_WARM=${BENCH_OPEN_LOOP_WARMUP_SECONDS:-5}
fixed_get() { # $1 = base URL; prints "p50 p99 p99.9 achieved"
  WARMUP=$OPEN_WARM node bench/constant-rate.js "$1/api/mind/ticket/[<n:$first:$last>]" "$FIXED" "$SECS" - "Authorization=Bearer $AGENT" |
    node -e 'const r = JSON.parse(require("fs").readFileSync(0)); console.log([r.p50, r.p99, r.p99_9, r.achieved, r.total - r.ok].join(" "))'
}
echo "== GET /ticket/{id} at a constant $FIXED/s"
read -r d50 d99 d999 dach dbad < <(fixed_get "$TICKET")
read -r f50 f99 f999 fach fbad < <(fixed_get "$FRONT")
echo "  straight: p50 $d50 ms, p99 $d99 ms, p99.9 $d999 ms at $dach/s ($dbad not 2xx); front door: p50 $f50 ms, p99 $f99 ms, p99.9 $f999 ms at $fach/s ($fbad not 2xx)"

report=$(cat <<REPORT
### $(date -u '+%Y-%m-%d %H:%M UTC'), ${BENCH_LABEL:-commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')}, $(nproc) cores, $CONNS connections, $ROUNDS rounds of ${SECS}s

| measure | mean of rounds | ticket-svc CPU per request | latency p50 / p99 (wrk, at that throughput) |
|---|---|---|---|
| pgbench select by id (prepared) | $sel tps | | |
| GET /ticket/{id} straight to ticket-svc | $direct req/s | $(cpu "GET /ticket/{id} direct") µs | $(p50 "GET /ticket/{id} direct") / $(p99 "GET /ticket/{id} direct") ms |
| GET /ticket/{id} through the front door | $front req/s | $(cpu "GET /ticket/{id} front door") µs (front door itself: $(front_cpu "GET /ticket/{id} front door") µs) | $(p50 "GET /ticket/{id} front door") / $(p99 "GET /ticket/{id} front door") ms |
| GET /q/health/live on ticket-svc | $health req/s | $(cpu "GET /q/health/live") µs | $(p50 "GET /q/health/live") / $(p99 "GET /q/health/live") ms |
| pgbench: the statement POST /ticket sends, ticket and created event (prepared) | $ins tps | | |
| pgbench: the ticket's INSERT alone (prepared) | $ins_only tps | | |
| POST /ticket straight to ticket-svc | $post req/s | $(cpu "POST /ticket direct") µs | $(p50 "POST /ticket direct") / $(p99 "POST /ticket direct") ms |

| GET /ticket/{id} at a constant $FIXED/s (open loop, ${SECS}s after ${OPEN_WARM}s at that rate) | p50 | p99 | p99.9 | achieved |
|---|---|---|---|---|
| straight to ticket-svc | $d50 ms | $d99 ms | $d999 ms | $dach/s |
| through the front door | $f50 ms | $f99 ms | $f999 ms | $fach/s |

| ratio | value | target |
|---|---|---|
| GET direct ÷ pgbench select | $(ratio "$direct" "$sel") | ≥ 0.5 |
| GET front door ÷ GET direct | $(ratio "$front" "$direct") | ≥ 0.9 |
| GET front door ÷ pgbench select | $(ratio "$front" "$sel") | |
| GET direct ÷ health/live | $(ratio "$direct" "$health") | |
| POST direct ÷ pgbench of its statement | $(ratio "$post" "$ins") | ≥ 0.4 |
| POST direct ÷ pgbench of the ticket's INSERT alone | $(ratio "$post" "$ins_only") | |
REPORT
)
echo
echo "$report"
[ -f bench/RESULTS.md ] || printf "# Benchmark results\n\nAppended by bench/request-path.sh; compare ratios within one run only.\n\n## Runs\n" > bench/RESULTS.md
printf '\n%s\n' "$report" >> bench/RESULTS.md
echo
echo "(appended to bench/RESULTS.md)"
