// An open-loop load at a constant rate, for latency under a given arrival rate (what wrk2 does; it is not
// packaged here). Requests start evenly spaced, 1/RATE s apart, each on a free keep-alive connection (a new
// one when all are busy), whatever the answers before it did; latency runs from the moment a request was
// due, so a stall is counted in full rather than hidden (no coordinated omission). autocannon's
// --overallRate instead starts every connection's share at the same instants: with 40 connections, bursts
// of 40 requests five times a second, measuring the bursts more than the service.
//   node bench/constant-rate.js URL RATE SECONDS BODY [HEADER=VALUE ...]
// "[<id>]" in BODY becomes a number unique to the run; "[<n:LO:HI>]" in URL or BODY a random integer from LO
// to HI. BODY "-" sends a GET without a body (METHOD in the environment overrides the method). Prints one JSON line: total, ok (2xx), statuses,
// errors, achieved rate, and latency percentiles in ms (p50, p90, p99, p99_9, max). TRACE=<file> also writes
// each request's due time (ms after the start) and latency (ms), one request per line. WARMUP=<seconds> first
// runs that long at the same rate, in the same stream, and counts only what follows (a sustained load).
const http = require('http');
const [url, rateArg, secondsArg, body, ...headerArgs] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const target = new URL(url);
const headers = body === '-' ? {} : { 'Content-Type': 'application/json' };
for (const h of headerArgs) {
  const i = h.indexOf('=');
  headers[h.slice(0, i)] = h.slice(i + 1);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const run = `${Date.now().toString(36)}`;
const latencies = [];
const statuses = {};
let errors = 0;
let sent = 0;
let done = 0;
const warmup = Number(process.env.WARMUP || 0);
const warmTotal = Math.round(rate * warmup);
const total = warmTotal + Math.round(rate * seconds);
const start = performance.now();

const noBody = body === '-';
const trace = process.env.TRACE ? [] : null;
const method = process.env.METHOD || (noBody ? 'GET' : 'POST');
const path = decodeURI(target.pathname) + target.search;
const fill = text => text.replace(/\[<n:(\d+):(\d+)>\]/g,
  (_, lo, hi) => String(Number(lo) + Math.floor(Math.random() * (Number(hi) - Number(lo) + 1))));

function fire(n) {
  const due = start + (n * 1000) / rate;
  const payload = noBody ? '' : fill(body.replaceAll('[<id>]', `${run}-${n}`));
  const request = http.request({
    host: target.hostname, port: target.port, path: fill(path), method, agent,
    headers: noBody ? headers : { ...headers, 'Content-Length': Buffer.byteLength(payload) },
  }, response => {
    response.resume();
    response.on('end', () => {
      if (n >= warmTotal) {
        latencies.push(performance.now() - due);
        if (trace) trace.push([Math.round(due - start), Number((performance.now() - due).toFixed(1))]);
        statuses[response.statusCode] = (statuses[response.statusCode] || 0) + 1;
      }
      finish();
    });
  });
  request.on('error', () => { if (n >= warmTotal) errors++; finish(); });
  noBody ? request.end() : request.end(payload);
}

function finish() {
  if (++done < total) return;
  const elapsed = (performance.now() - start) / 1000 - warmup;
  const measured = total - warmTotal;
  if (trace) require('fs').writeFileSync(process.env.TRACE, trace.map(t => t.join(' ')).join('\n') + '\n');
  latencies.sort((a, b) => a - b);
  const at = q => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1));
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((a, [, c]) => a + c, 0);
  console.log(JSON.stringify({
    total: measured, ok, statuses, errors, achieved: Number((measured / Math.max(elapsed, seconds)).toFixed(1)),
    p50: at(0.5), p90: at(0.9), p99: at(0.99), p99_9: at(0.999), max: at(1),
  }));
  process.exit(0);
}

function tick() {
  const now = performance.now();
  while (sent < total && start + (sent * 1000) / rate <= now) fire(sent++);
  if (sent < total) setTimeout(tick, Math.max(0, start + (sent * 1000) / rate - performance.now()));
}
tick();
