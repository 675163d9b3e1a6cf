#!/usr/bin/env bash
# The search benchmark: POST /ticket/search with two filters (bench/search.lua) straight to ticket-svc and
# through the front door, against pgbench running the same two statements (bench/search.sql), in one run
# with the phases interleaved; also pgbench of the same search as one statement with a window count
# (bench/search-window.sql), which says whether page + count or count(*) over () is cheaper.
# Prints the ratios and appends them to bench/RESULTS.md.
# Needs a running suite (./mind up). Environment: BENCH_SECONDS (10 per phase), BENCH_CONNECTIONS (16),
# BENCH_ROUNDS (2), BENCH_TICKETS (2000, half of them match), BENCH_WARMUP_SECONDS (20), BENCH_LABEL,
# MIND_PORT, MIND_SERVICE_PORT_BASE, MIND_PG_PORT.
WARM=${BENCH_WARMUP_SECONDS:-20}
source "$(dirname "$(readlink -f "$0")")/common.sh"
AGENT=$(./mind token agent)

source bench/seed.sh
source bench/measure.sh
# half the tickets match both filters, half only the status
seed_tickets "$TICKET" "$AGENT" $((TICKETS / 2)) '{"channel":"email","subject":"bench search {}","body":"<p>bench body</p>","tags":[1,2]}'
seed_tickets "$TICKET" "$AGENT" $((TICKETS / 2)) '{"channel":"email","subject":"bench search {}","body":"<p>bench body</p>","tags":[3]}'
matches=$(curl -sf "$TICKET/api/mind/ticket/search" -H "Authorization: Bearer $AGENT" -H 'Content-Type: application/json' \
  -d '{"filters":[{"key":"t.status","comparator":"in","values":["open","pending"]},{"key":"tt.tagId","comparator":"in","values":[1]}],"limit":1}' \
  | grep -o '"total":[0-9]*' | cut -d: -f2)
echo "== the search matches $matches tickets"

echo "== warm-up (${WARM}s per path)"
wrk -t2 -c"$CONNS" -d"${WARM}s" -s bench/search.lua "$TICKET" -- "$AGENT" >/dev/null 2>&1
wrk -t2 -c"$CONNS" -d"${WARM}s" -s bench/search.lua "$FRONT" -- "$AGENT" >/dev/null 2>&1

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round ($CONNS connections, ${SECS}s each)"
  pg "pgbench page + count" bench/search.sql
  pg "pgbench window count" bench/search-window.sql
  http "POST /ticket/search direct" "$TICKET" bench/search.lua "$AGENT"
  http "POST /ticket/search front" "$FRONT" bench/search.lua "$AGENT"
done

sql=$(avg "pgbench page + count"); window=$(avg "pgbench window count")
direct=$(avg "POST /ticket/search direct"); front=$(avg "POST /ticket/search front")

report=$(cat <<REPORT
### $(date -u '+%Y-%m-%d %H:%M UTC'), search, ${BENCH_LABEL:-commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')}, $(nproc) cores, $CONNS connections, $ROUNDS rounds of ${SECS}s, $matches of the tickets match

| measure | mean of rounds | ticket-svc CPU per request | latency p50 / p99 (wrk, at that throughput) |
|---|---|---|---|
| pgbench page + count (prepared, 2 statements) | $sql tps | | |
| pgbench one statement with count(*) over () | $window tps | | |
| POST /ticket/search (2 filters, 20 rows) straight to ticket-svc | $direct req/s | $(cpu "POST /ticket/search direct") µs | $(p50 "POST /ticket/search direct") / $(p99 "POST /ticket/search direct") ms |
| POST /ticket/search through the front door | $front req/s | $(cpu "POST /ticket/search front") µs (front door itself: $(front_cpu "POST /ticket/search front") µs) | $(p50 "POST /ticket/search front") / $(p99 "POST /ticket/search front") ms |

| ratio | value | target |
|---|---|---|
| search front door ÷ pgbench of its SQL | $(ratio "$front" "$sql") | ≥ 0.4 |
| search direct ÷ pgbench of its SQL | $(ratio "$direct" "$sql") | |
| pgbench window count ÷ pgbench page + count | $(ratio "$window" "$sql") | > 1 would favour the window count |
REPORT
)
echo
echo "$report"
[ -f bench/RESULTS.md ] || printf "# Benchmark results\n\nAppended by the bench scripts; compare ratios within one run only.\n\n## Runs\n" > bench/RESULTS.md
printf '\n%s\n' "$report" >> bench/RESULTS.md
echo
echo "(appended to bench/RESULTS.md)"
