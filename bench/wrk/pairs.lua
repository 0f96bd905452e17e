-- wrk script for bench/run.sh, rows W2 and W3: each request by one member for one target, so
-- that no (member, target) pair comes twice (a second registration or support is a 409, not
-- the operation measured). W2 walks the members first (a forum's registrations take their turn
-- under its lock, as when people register for one forum); W3 walks the proposals first (people
-- spread their supports over a plan's proposals).
--   WRK_TOKENS_FILE    one bearer token per line (the members, in order)
--   WRK_TARGETS        the targets (forum slugs, proposal ids), comma-separated
--   WRK_PATH           the request's path, `{}` standing for the target
--   WRK_TARGETS_FIRST  1: the target changes at every request; else the member does
--   WRK_BODY           a JSON body to send, if any
--   WRK_OFFSET         where this run starts in the sequence of pairs (the warm-up and the
--                      measured run use different ones)
--   WRK_OUT            where to write the summary (as report.lua)
dofile(os.getenv("WRK_REPORT_LUA"))

local made = 0
setup = function(thread)
  thread:set("tid", made)
  made = made + 1
end

local tokens, targets, n, threads = nil, {}, 0, 2
local path, targets_first, body = "", false, nil

init = function(args)
  tokens = {}
  for line in io.lines(os.getenv("WRK_TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  for t in string.gmatch(os.getenv("WRK_TARGETS") or "", "[^,]+") do
    targets[#targets + 1] = t
  end
  path = os.getenv("WRK_PATH") or ""
  targets_first = os.getenv("WRK_TARGETS_FIRST") == "1"
  body = os.getenv("WRK_BODY")
  if body == "" then body = nil end
  n = tonumber(os.getenv("WRK_OFFSET") or "0")
end

request = function()
  -- Threads interleave: thread t takes every `threads`-th pair.
  local k = n * threads + tid
  n = n + 1
  local token, target
  if targets_first then
    target = targets[(k % #targets) + 1]
    token = tokens[(math.floor(k / #targets) % #tokens) + 1]
  else
    token = tokens[(k % #tokens) + 1]
    target = targets[(math.floor(k / #tokens) % #targets) + 1]
  end
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format("POST", (path:gsub("{}", target)), headers, body)
end
