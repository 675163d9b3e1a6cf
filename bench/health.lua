-- wrk: the framework's ceiling, an unauthenticated health check.
function request()
  return wrk.format("GET", "/q/health/live")
end
