-- wrk script for bench/run.sh, row R2c: R2 as a caching client sends it, with the ETag of its
-- last full answer in If-None-Match, so that the server answers 304 without rendering. A 200
-- (the tag moved: a write, or the minute the tag covers) gives the thread its new tag, as a real
-- client would keep it; 304s are successes for wrk (it counts only statuses ≥ 400 as errors).
--   WRK_ETAG  the tag the probe got
--   WRK_OUT   where to write the summary (as report.lua)
dofile(os.getenv("WRK_REPORT_LUA"))

local tag = os.getenv("WRK_ETAG") or ""

request = function()
  return wrk.format("GET", nil, { ["Accept"] = "application/json", ["If-None-Match"] = tag })
end

response = function(status, headers, body)
  if status == 200 then
    tag = headers["etag"] or headers["ETag"] or tag
  end
end
