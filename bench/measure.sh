# Sourced by the bench scripts: one load phase each for pgbench and wrk, with ticket-svc's and the front
# door's CPU per request read from /proc, and the means and ratios of the report.
# Needs: CONNS, SECS, PGURL, PID (ticket-svc), FRONT_PID (front door, may be empty), HZ.

cpu_ticks() { # utime + stime of a process, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

declare -A SUM COUNT CPU_SUM FRONT_SUM P50_SUM P99_SUM
add() { SUM[$1]=$(( ${SUM[$1]:-0} + $2 )); COUNT[$1]=$(( ${COUNT[$1]:-0} + 1 )); }

pg() { # $1 = name, $2 = script, then pgbench -D definitions
  local name=$1 script=$2; shift 2
  local tps
  tps=$(pgbench -n -M prepared -c "$CONNS" -j 2 -T "$SECS" "$@" -f "$script" "$PGURL" 2>/dev/null | awk '/^tps/ {print int($3)}')
  printf '  %-28s %8d tps\n' "$name" "$tps"
  add "$name" "$tps"
}

http() { # $1 = name, $2 = base URL, $3 = wrk script, then the script's arguments
  local name=$1 url=$2 script=$3; shift 3
  local before after front_before front_after out rps requests cpu_us front_us
  before=$(cpu_ticks "$PID")
  front_before=$([ -n "$FRONT_PID" ] && cpu_ticks "$FRONT_PID" || echo 0)
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s "$script" "$url" -- "$@" 2>/dev/null)
  after=$(cpu_ticks "$PID")
  front_after=$([ -n "$FRONT_PID" ] && cpu_ticks "$FRONT_PID" || echo 0)
  rps=$(echo "$out" | awk '/^Requests\/sec/ {print int($2)}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  cpu_us=$(( (after - before) * 1000000 / HZ / (requests > 0 ? requests : 1) ))
  front_us=$(( (front_after - front_before) * 1000000 / HZ / (requests > 0 ? requests : 1) ))
  printf '  %-28s %8d req/s   ticket-svc CPU %4d µs/request   front door CPU %4d µs/request%s\n' "$name" "$rps" \
    "$cpu_us" "$front_us" "${non2xx:+   NON-2xx: $non2xx}"
  add "$name" "$rps"
  # wrk's latency percentiles (closed loop: at the throughput reached, not at a fixed rate), in µs
  P50_SUM[$name]=$(( ${P50_SUM[$name]:-0} + $(percentile_us "$out" 50%) ))
  P99_SUM[$name]=$(( ${P99_SUM[$name]:-0} + $(percentile_us "$out" 99%) ))
  CPU_SUM[$name]=$(( ${CPU_SUM[$name]:-0} + cpu_us ))
  FRONT_SUM[$name]=$(( ${FRONT_SUM[$name]:-0} + front_us ))
}

# a percentile line of wrk --latency ("     99%    4.21ms") in whole µs
percentile_us() {
  echo "$1" | awk -v p="$2" '$1 == p {v = $2; f = 1; if (v ~ /us$/) f = 0.001; else if (v ~ /ms$/) f = 1; else if (v ~ /s$/) f = 1000;
    sub(/[a-z]+$/, "", v); printf "%d", v * f * 1000; found = 1} END {if (!found) print 0}'
}

avg() { echo $(( ${SUM[$1]} / ${COUNT[$1]} )); }
# mean of the rounds' wrk percentiles, in ms with one decimal
p50() { awk -v s="${P50_SUM[$1]}" -v n="${COUNT[$1]}" 'BEGIN {printf "%.1f", s / n / 1000}'; }
p99() { awk -v s="${P99_SUM[$1]}" -v n="${COUNT[$1]}" 'BEGIN {printf "%.1f", s / n / 1000}'; }
cpu() { echo $(( ${CPU_SUM[$1]} / ${COUNT[$1]} )); }
front_cpu() { echo $(( ${FRONT_SUM[$1]} / ${COUNT[$1]} )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

# The baseline SELECT of GET /ticket/{id}: the columns ticket-svc reads, listed from the catalogue, so
# that pgbench does not also read the search column (a tsvector ticket-svc never selects). Writes the
# pgbench script and prints its path.
ticket_select_script() {
  local cols file
  cols=$(psql "$PGURL" -Atc "select string_agg(quote_ident(column_name), ', ' order by ordinal_position)
    from information_schema.columns where table_schema = 'ticket' and table_name = 'ticket' and column_name <> 'search_vector'")
  file=$(mktemp --suffix=.sql)
  # the statement GET /ticket/{id} sends (TicketRowReader.SELECT): the row and who is present on the ticket
  printf '\\set id random(:lo, :hi)\nselect %s, p.present_agent_ids, p.present_last_seen from ticket.ticket left join lateral (select array_agg(agent_id order by agent_id) as present_agent_ids, array_agg(last_seen order by agent_id) as present_last_seen from ticket.ticket_presence where ticket_id = ticket.id and seen_until > now()) p on true where ticket.id = :id;\n' "$cols" > "$file"
  echo "$file"
}
