-- wrk: GET /api/mind/ticket/{id} over the seeded id range, with a bearer token.
local lo, hi, token
function init(args)
  lo, hi, token = tonumber(args[1]), tonumber(args[2]), args[3]
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end
local reported = 0
function response(status, headers, body)
  -- name the first few failures, so a non-2xx count in the summary can be explained
  if status ~= 200 and reported < 5 then
    reported = reported + 1
    io.stderr:write("non-2xx: " .. status .. " " .. body:sub(1, 160) .. "\n")
  end
end

function request()
  return wrk.format("GET", "/api/mind/ticket/" .. math.random(lo, hi), { ["Authorization"] = "Bearer " .. token })
end
