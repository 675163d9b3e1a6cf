#!/usr/bin/env bash
# The work-queue benchmark: getLatest claims/s with 50 parallel claimers (wrk, one agent token per
# connection, each walking its queue with next) against pgbench running the bare claim SQL
# (bench/claim.sql, walking its queue the same way) with 50 clients and with one per core, in one run
# with the phases interleaved (rounds), so that only ratios are compared. Each phase works on its own freshly seeded tickets (a tag per run and side).
# Afterwards it counts double hand-outs in the event log: a ticket claimed while another claim on it
# had not been released. It must be 0.
# Needs a running suite (./mind up). Environment: BENCH_SECONDS (10 per phase), BENCH_CLAIMERS (50),
# BENCH_ROUNDS (2), BENCH_TICKETS (2000 per side), BENCH_WARMUP_SECONDS (15), BENCH_LABEL,
# MIND_PORT, MIND_SERVICE_PORT_BASE, MIND_PG_PORT.
WARM=${BENCH_WARMUP_SECONDS:-15}
CLAIMERS=${BENCH_CLAIMERS:-50}
# pgbench also runs with as many clients as the machine has cores: 50 backends on 2 cores claim about half
# as fast as 2 do (the service reaches PostgreSQL through its pool of 15), and the ratio is taken against
# whichever of the two is faster, the database's limit for this SQL
PG_BEST=${BENCH_PG_CLIENTS:-$(nproc)}
source "$(dirname "$(readlink -f "$0")")/common.sh"
ADMIN=$(./mind token admin)
sql() { psql -qtA "$PGURL" -c "$1"; }

# Tags no earlier run used: the agents see only this run's tickets (filter tt.tagId), pgbench its own.
RUN=$(date +%s)
HTTP_TAG=${RUN}1
SQL_TAG=${RUN}2

source bench/seed.sh
seed_tickets "$TICKET" "$ADMIN" "$TICKETS" '{"channel":"email","subject":"queue {}","tags":['"$HTTP_TAG"']}'
seed_tickets "$TICKET" "$ADMIN" "$TICKETS" '{"channel":"email","subject":"queue {}","tags":['"$SQL_TAG"']}'
# fresh statistics for both sides: right after seeding, the planner's estimates for the new tag are
# stale and a bad plan made the bare SQL look a hundred times slower than it is
sql "analyze ticket.ticket; analyze ticket.ticket_claim" >/dev/null

echo "== $CLAIMERS agent tokens"
TOKENS=bench/.tokens  # read by bench/get-latest.lua
seq 1 "$CLAIMERS" | xargs -P 4 -I{} sh -c './mind token agent --user $((700000 + {}))' > "$TOKENS"
[ "$(wc -l < "$TOKENS")" -eq "$CLAIMERS" ] || { echo "could not mint $CLAIMERS tokens"; exit 1; }

claims() { # claimed events on the tickets of a tag
  sql "select count(*) from ticket.ticket_event e join ticket.ticket t on t.id = e.ticket_id
       where e.type = 'claimed' and t.tag_ids && array[$1]::bigint[]"
}

declare -A SUM COUNT
add() { SUM[$1]=$(( ${SUM[$1]:-0} + $2 )); COUNT[$1]=$(( ${COUNT[$1]:-0} + 1 )); }

# Every claim and release leaves a dead row in ticket_claim, and each candidate's probe of its claim walks them:
# a side that has claimed more slows down (the 2-client pgbench fell from 3,748 to 1,079 claims/s between two
# rounds with 8,862 dead rows). Each phase starts from a vacuumed table, so neither side pays for the other's.
fresh_claims() { sql "vacuum ticket.ticket_claim" >/dev/null; }

pg_phase() { # $1 = pgbench clients
  local before after
  fresh_claims
  before=$(claims "$SQL_TAG")
  pgbench -n -M prepared -c "$1" -j 2 -T "$SECS" -D tag="$SQL_TAG" -D cur=0 -f bench/claim.sql "$PGURL" > "$PG_LOG" 2>&1 || true
  after=$(claims "$SQL_TAG")
  printf '  %-34s %8d claims/s\n' "pgbench claim SQL, $1 clients" $(( (after - before) / SECS ))
  # no claim at all: say what pgbench said rather than report a zero
  [ "$after" -gt "$before" ] || { echo "pgbench made no claim:"; grep -iE 'error|fatal|abort|tps' "$PG_LOG" | head -5; }
  add "sql$1" $(( (after - before) / SECS ))
}

http_phase() { # $1 = name, $2 = base URL
  local before after out non2xx
  fresh_claims
  before=$(claims "$HTTP_TAG")
  out=$(wrk -t"$CLAIMERS" -c"$CLAIMERS" -d"${SECS}s" -s bench/get-latest.lua "$2" -- "$HTTP_TAG" 2>&1)
  after=$(claims "$HTTP_TAG")
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf '  %-34s %8d claims/s   %s req/s%s\n' "$1" $(( (after - before) / SECS )) \
    "$(echo "$out" | awk '/^Requests\/sec/ {print int($2)}')" "${non2xx:+   NON-2xx: $non2xx}"
  echo "$out" | grep '^non-2xx' | head -3 || true
  add "$1" $(( (after - before) / SECS ))
}

PG_LOG=$(mktemp)
# getLatest's code is not in the trained AOT cache and the JIT takes its time: right after a start one warm-up
# of 15s read 0.51 of the baseline where a warm suite reads 0.7-0.8, so the service side is warmed three times
# (straight twice, through the front door once)
echo "== warm-up (${WARM}s for pgbench, 3 x ${WARM}s for getLatest)"
pgbench -n -M prepared -c "$CLAIMERS" -j 2 -T "$WARM" -D tag="$SQL_TAG" -D cur=0 -f bench/claim.sql "$PGURL" > "$PG_LOG" 2>&1 || true
for base in "$TICKET" "$TICKET" "$FRONT"; do
  wrk -t"$CLAIMERS" -c"$CLAIMERS" -d"${WARM}s" -s bench/get-latest.lua "$base" -- "$HTTP_TAG" >/dev/null 2>&1 || true
done

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round ($CLAIMERS claimers, ${SECS}s each)"
  pg_phase "$CLAIMERS"
  pg_phase "$PG_BEST"
  http_phase "getLatest direct" "$TICKET"
  http_phase "getLatest front door" "$FRONT"
done

# A claim whose previous claim event on the same ticket was also a claim (no release in between)
# means two agents held the ticket at once.
doubles() {
  sql "select count(*) from (select e.type, lag(e.type) over (partition by e.ticket_id order by e.id) prev
       from ticket.ticket_event e join ticket.ticket t on t.id = e.ticket_id
       where e.type in ('claimed', 'released') and t.tag_ids && array[$1]::bigint[]) h
       where h.type = 'claimed' and h.prev = 'claimed'"
}
http_doubles=$(doubles "$HTTP_TAG")
sql_doubles=$(doubles "$SQL_TAG")

avg() { echo $(( ${SUM[$1]:-0} / ${COUNT[$1]:-1} )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
sql_claimers=$(avg "sql$CLAIMERS"); sql_best=$(avg "sql$PG_BEST")
sqlc=$(( sql_claimers > sql_best ? sql_claimers : sql_best )); direct=$(avg "getLatest direct"); front=$(avg "getLatest front door")

report=$(cat <<REPORT
### work queue: $(date -u '+%Y-%m-%d %H:%M UTC'), ${BENCH_LABEL:-commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')}, $(nproc) cores, $CLAIMERS claimers, $ROUNDS rounds of ${SECS}s, $TICKETS tickets per side

| measure | mean of rounds |
|---|---|
| pgbench claim SQL (bench/claim.sql, prepared), $CLAIMERS clients | $sql_claimers claims/s |
| pgbench claim SQL, $PG_BEST clients | $sql_best claims/s |
| POST /ticket/getLatest straight to ticket-svc | $direct claims/s |
| POST /ticket/getLatest through the front door | $front claims/s |
| tickets held twice (getLatest / pgbench) | $http_doubles / $sql_doubles |

| ratio | value | target |
|---|---|---|
| getLatest direct ÷ claim SQL (the faster pgbench) | $(ratio "$direct" "$sqlc") | ≥ 0.5 |
| getLatest front door ÷ claim SQL | $(ratio "$front" "$sqlc") | |
REPORT
)
echo
echo "$report"
[ -f bench/RESULTS.md ] || printf "# Benchmark results\n\nAppended by the bench scripts; compare ratios within one run only.\n\n## Runs\n" > bench/RESULTS.md
printf '\n%s\n' "$report" >> bench/RESULTS.md
echo
echo "(appended to bench/RESULTS.md)"
rm -f "$TOKENS"
[ "$http_doubles" = 0 ] && [ "$sql_doubles" = 0 ] || { echo "DOUBLE HAND-OUTS"; exit 1; }
