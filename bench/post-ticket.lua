-- wrk: POST /api/mind/ticket with a small email ticket and a bearer token.
dofile("bench/report-failures.lua")
local token
function init(args)
  token = args[1]
end

function request()
  return wrk.format("POST", "/api/mind/ticket", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"channel":"email","subject":"bench post","body":"<p>bench body</p>"}')
end
