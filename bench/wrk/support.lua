-- wrk script for bench/run.sh, row W3: supports, each request by a member for a proposal of the
-- run's, walking the proposals first (consecutive requests support different proposals, as
-- people spread over a plan's proposals do) and the members second, so that no (member,
-- proposal) pair comes twice (a second support is a 409, not the operation measured).
--   WRK_TOKENS_FILE  one bearer token per line (the members, in order)
--   WRK_PROPOSALS    the proposals' ids, comma-separated
--   WRK_OFFSET       where this run starts in the sequence of pairs (the warm-up and the
--                    measured run use different ones)
--   WRK_OUT          where to write the summary (as report.lua)
dofile(os.getenv("WRK_REPORT_LUA"))

local made = 0
setup = function(thread)
  thread:set("tid", made)
  made = made + 1
end

local tokens, proposals, n, threads = nil, {}, 0, 2

init = function(args)
  tokens = {}
  for line in io.lines(os.getenv("WRK_TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  for p in string.gmatch(os.getenv("WRK_PROPOSALS") or "", "[^,]+") do
    proposals[#proposals + 1] = p
  end
  n = tonumber(os.getenv("WRK_OFFSET") or "0")
end

request = function()
  -- Threads interleave: thread t takes every `threads`-th pair.
  local k = n * threads + tid
  n = n + 1
  local proposal = proposals[(k % #proposals) + 1]
  local token = tokens[(math.floor(k / #proposals) % #tokens) + 1]
  return wrk.format("POST", "/api/v1/proposals/" .. proposal .. "/supports",
    { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" })
end
