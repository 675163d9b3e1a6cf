-- wrk: POST /api/mind/telephony/callReceived at a constant rate (wrk2 is not packaged; wrk's delay()
-- paces each connection). Args: token, total rate in requests/s, connections (the -c given to wrk).
-- Each request is a new call (unique channelId), so every one goes telephony -> ticket -> PostgreSQL.
-- Results: bench/RESULTS.md ("callReceived").
-- Usage: wrk -t2 -c20 -d30s --latency -s bench/telephony-callreceived.lua http://localhost:8080 -- "$TOKEN" 200 20
dofile("bench/report-failures.lua")
local token
local interval_ms
local counter = 0
local thread_id = tostring(math.random(1, 1e9))

function init(args)
  token = args[1]
  local rate = tonumber(args[2] or "200")
  local connections = tonumber(args[3] or "20")
  -- each connection sends one request per interval: connections / interval = rate
  interval_ms = connections * 1000 / rate
end

function delay()
  return interval_ms
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/mind/telephony/callReceived",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"channelId":"bench_' .. thread_id .. '_' .. counter .. '","phone":"+4930901820","callerName":"Bench",' ..
    '"routing":"native","transcript":[{"speaker":"bot","message":"Hello","timestamp":"2024-01-23T14:32:11Z"}]}')
end
