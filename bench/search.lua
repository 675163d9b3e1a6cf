-- wrk: POST /api/mind/ticket/search with two filters (status in [open, pending], tag 1), 20 rows, newest first.
dofile("bench/report-failures.lua")
local token
function init(args)
  token = args[1]
end

local body = '{"filters":[{"key":"t.status","comparator":"in","values":["open","pending"]},'
  .. '{"key":"tt.tagId","comparator":"in","values":[1]}],"limit":20,"offset":0,"orderByField":"t.id","orderByDirection":"desc"}'

function request()
  return wrk.format("POST", "/api/mind/ticket/search", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
