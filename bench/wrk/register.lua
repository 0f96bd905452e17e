-- wrk script for bench/run.sh, row W2: registrations, each request by the next of the large
-- seed's members for the next of the run's forums, so that no (member, forum) pair comes twice
-- (a second registration is a 409, not the operation measured).
--   WRK_TOKENS_FILE  one bearer token per line (the members, in order)
--   WRK_FORUMS       the forums' slugs, comma-separated
--   WRK_OFFSET       where this run starts in the sequence of pairs (the warm-up and the
--                    measured run use different ones)
--   WRK_OUT          where to write the summary (as report.lua)
dofile(os.getenv("WRK_REPORT_LUA"))

local made = 0
setup = function(thread)
  thread:set("tid", made)
  made = made + 1
end

local tokens, forums, n, threads = nil, {}, 0, 2

init = function(args)
  tokens = {}
  for line in io.lines(os.getenv("WRK_TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  for f in string.gmatch(os.getenv("WRK_FORUMS") or "", "[^,]+") do
    forums[#forums + 1] = f
  end
  n = tonumber(os.getenv("WRK_OFFSET") or "0")
end

request = function()
  -- Threads interleave: thread t takes every `threads`-th pair.
  local k = n * threads + tid
  n = n + 1
  local token = tokens[(k % #tokens) + 1]
  local forum = forums[(math.floor(k / #tokens) % #forums) + 1]
  return wrk.format("POST", "/api/v1/forums/" .. forum .. "/registrations",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json", ["Accept"] = "application/json" }, "{}")
end
