-- wrk script for bench/run.sh, row S1: sign-ins with the right password, each request for the
-- next of the run's accounts (as many people sign in, not one person 32 times at once: the
-- per-account throttle counts attempts in flight, and would rightly block that).
--   WRK_EMAILS    the accounts' addresses, comma-separated
--   WRK_PASSWORD  their password
--   WRK_OUT       where to write the summary (as report.lua)
dofile(os.getenv("WRK_REPORT_LUA"))

local emails = {}
for e in string.gmatch(os.getenv("WRK_EMAILS") or "", "[^,]+") do
  emails[#emails + 1] = e
end
local password = os.getenv("WRK_PASSWORD") or ""
local n = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  n = n + 1
  local email = emails[(n % #emails) + 1]
  return wrk.format(nil, nil, nil, '{"email":"' .. email .. '","password":"' .. password .. '"}')
end
