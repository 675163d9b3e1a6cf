-- wrk: GET /api/mind/ticket/{id} over the seeded id range, with a bearer token.
dofile("bench/report-failures.lua")
local lo, hi, token
function init(args)
  lo, hi, token = tonumber(args[1]), tonumber(args[2]), args[3]
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", "/api/mind/ticket/" .. math.random(lo, hi), { ["Authorization"] = "Bearer " .. token })
end
