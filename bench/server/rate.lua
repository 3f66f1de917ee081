-- wrk script: a fixed request rate and a rotating list of paths.
-- WRK_RATE (total requests/s) and WRK_CONNECTIONS must match -c; WRK_PATHS is a file of paths.
local rate = tonumber(os.getenv("WRK_RATE") or "0")
local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "1")
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0

request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

-- Each connection waits connections/rate seconds between requests, so all together send
-- about `rate` requests per second (a little less: the wait does not count the answer time).
delay = function()
  if rate > 0 then return 1000 * connections / rate end
  return 0
end
