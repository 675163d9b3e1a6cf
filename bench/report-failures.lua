-- wrk: shared by the bench scripts (run from the repository root). Names the first few non-2xx
-- answers on stderr, so that a non-2xx count in wrk's summary can be explained.
local reported = 0
function response(status, headers, body)
  if status ~= 200 and reported < 5 then
    reported = reported + 1
    io.stderr:write("non-2xx: " .. status .. " " .. body:sub(1, 160) .. "\n")
  end
end
