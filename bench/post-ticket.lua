-- wrk: POST /api/mind/ticket with a small email ticket and a bearer token.
local token
function init(args)
  token = args[1]
end
local reported = 0
function response(status, headers, body)
  if status ~= 200 and reported < 5 then
    reported = reported + 1
    io.stderr:write("non-2xx: " .. status .. " " .. body:sub(1, 160) .. "\n")
  end
end
function request()
  return wrk.format("POST", "/api/mind/ticket", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"channel":"email","subject":"bench post","body":"<p>bench body</p>"}')
end
