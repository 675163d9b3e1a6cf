-- wrk: POST /api/mind/ticket/getLatest as one agent per connection (run with as many threads as
-- connections: wrk keeps Lua state per thread). Tokens (one JWT a line) come from bench/.tokens;
-- argument: the tag id of the run's tickets.
-- Each agent walks its queue with next (giving up the ticket it held, claiming the next free one),
-- and starts again from earliest when nothing is left after its ticket.
dofile("bench/report-failures.lua")
local report = response
local tokens, counter = {}, 0

function setup(thread)
  if #tokens == 0 then
    for line in io.lines("bench/.tokens") do
      tokens[#tokens + 1] = line
    end
  end
  counter = counter + 1
  thread:set("token", tokens[(counter - 1) % #tokens + 1])
end

local tag, current
function init(args)
  tag = args[1]
end

local function filters()
  return '"filters":[{"key":"tt.tagId","comparator":"=","value":' .. tag .. '}]'
end

function request()
  local body
  if current then
    body = '{"preferredDirection":"next","ticketId":' .. current .. ',' .. filters() .. '}'
  else
    body = '{"preferredDirection":"earliest",' .. filters() .. '}'
  end
  return wrk.format("POST", "/api/mind/ticket/getLatest",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  report(status, headers, body)
  if status == 200 then
    current = body:match('"ticketId":(%d+)')
  else
    current = nil
  end
end
