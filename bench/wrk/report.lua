-- wrk script for bench/run.sh: optional JSON POST with a bearer token (W1), and a JSON summary
-- written to $WRK_OUT at the end (latencies in microseconds).
--   WRK_METHOD  GET (default) or POST
--   WRK_BODY    request body (sent as application/json)
--   WRK_TOKEN   bearer token
--   WRK_OUT     where to write the summary
local method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
local token = os.getenv("WRK_TOKEN")

wrk.method = method
wrk.headers["Accept"] = "application/json"
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

done = function(summary, latency, requests)
  local path = os.getenv("WRK_OUT")
  if not path then return end
  local f = io.open(path, "w")
  local e = summary.errors
  f:write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
  f:close()
end
