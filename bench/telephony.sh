#!/usr/bin/env bash
# callReceived at a constant rate through the front door (telephony-svc → ticket-svc → PostgreSQL):
# latency percentiles from autocannon (a constant overall rate, not closed-loop like wrk), and the CPU
# per call of telephony-svc and ticket-svc from /proc. Each call is new (its own channelId) with
# routing native, so it also waits in the routing queue, and its callReceived event goes through the
# outbox to ticket-svc as in production.
# Prints the figures and appends them to bench/RESULTS.md.
# Needs a running suite (./mind up). Environment: BENCH_RATE (200 calls/s), BENCH_SECONDS (30),
# BENCH_WARMUP_SECONDS (15), BENCH_CONNECTIONS (40: enough that the rate never waits for a connection),
# and those of bench/common.sh.
RATE=${BENCH_RATE:-200}
WARM=${BENCH_WARMUP_SECONDS:-15}
BENCH_SECONDS=${BENCH_SECONDS:-30}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-40}
source "$(dirname "$(readlink -f "$0")")/common.sh"
source bench/measure.sh
[ -x bench/node_modules/.bin/autocannon ] || (cd bench && npm install --silent >/dev/null)
TOKEN=$(./mind token telephony)
TEL_PID=$(listener $((PORT_BASE + 4)))

call_received() { # $1 = seconds; autocannon's [<id>] makes every call's channelId new
  bench/node_modules/.bin/autocannon -j -I -c "$CONNS" --overallRate "$RATE" -d "$1" -m POST \
    -H "Authorization=Bearer $TOKEN" -H 'Content-Type=application/json' \
    -b '{"routing":"native","channelId":"bench-'"$(date +%s)"'-[<id>]","callerName":"Bench Caller","phone":"+4930123456","transcript":[{"speaker":"bot","message":"Hello","timestamp":"2024-01-23T14:32:11Z"}]}' \
    "$FRONT/api/mind/telephony/callReceived" 2>/dev/null
}

echo "== callReceived: warm-up ${WARM}s at $RATE/s"
call_received "$WARM" >/dev/null
echo "== callReceived at $RATE/s for ${SECS}s"
tel_before=$(cpu_ticks "$TEL_PID"); ticket_before=$(cpu_ticks "$PID")
out=$(call_received "$SECS")
tel_after=$(cpu_ticks "$TEL_PID"); ticket_after=$(cpu_ticks "$PID")
# the answers other than 2xx, by status (none in a good run)
echo "$out" | node -e 'const r = JSON.parse(require("fs").readFileSync(0));
  if (r.non2xx) console.log("status codes: " + JSON.stringify(r.statusCodeStats));'
read -r total ok non2xx errors achieved p50 p90 p99 p999 max < <(echo "$out" | node -e '
  const r = JSON.parse(require("fs").readFileSync(0));
  const l = r.latency;
  console.log([r.requests.total, r["2xx"], r.non2xx, r.errors, (r.requests.total / r.duration).toFixed(0),
    l.p50, l.p90, l.p99, l.p99_9, l.max].join(" "));')
tel_us=$(( (tel_after - tel_before) * 1000000 / HZ / (total > 0 ? total : 1) ))
ticket_us=$(( (ticket_after - ticket_before) * 1000000 / HZ / (total > 0 ? total : 1) ))
echo "callReceived: $total calls ($ok 2xx, $non2xx non-2xx, $errors errors), $achieved/s; p50 $p50 ms, p90 $p90 ms, p99 $p99 ms, p99.9 $p999 ms, max $max ms"
echo "CPU per call: telephony-svc $tel_us µs, ticket-svc $ticket_us µs"
verdict=$(awk -v p="$p99" -v a="$achieved" -v r="$RATE" 'BEGIN {print (p < 50 && a >= 0.95 * r) ? "met" : "missed"}')

cat >> bench/RESULTS.md <<REPORT

### callReceived: $(date -u '+%Y-%m-%d %H:%M UTC'), $LABEL, $(nproc) cores, through the front door, autocannon at a constant $RATE/s with $CONNS connections, ${SECS}s after ${WARM}s of warm-up

| calls | 2xx | non-2xx / errors | achieved | p50 | p90 | p99 | p99.9 | max | telephony-svc CPU per call | ticket-svc CPU per call |
|---|---|---|---|---|---|---|---|---|---|---|
| $total | $ok | $non2xx / $errors | $achieved/s | $p50 ms | $p90 ms | $p99 ms | $p999 ms | $max ms | $tel_us µs | $ticket_us µs |

| measure | value | target |
|---|---|---|
| callReceived p99 at $achieved/s (asked $RATE/s) | $p99 ms ($verdict) | < 50 ms at 200/s |
REPORT
echo "appended to bench/RESULTS.md"
