-- PATCH <prefix><id> with a JSON merge patch of a new stock, ids drawn like product.lua's reads (Zipf over the
-- file), so the hottest entries are purged most often; If-Match: * (any version), as a stock feed would send.
-- Open loop: a thread's requests are due one interval apart on the clock, whatever the answers' latency (a slow
-- answer delays only its own connection; the thread's other connections take the next slots), so the rate is
-- reached while the thread has connections idle. A thread that fell behind catches up, at most one second's worth.
-- args: ids-file, prefix, api key (empty: none), interval in ms between two requests of one thread
dofile("bench/lua/report.lua")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local CLOCK_MONOTONIC, clock = 1, ffi.new("bench_timespec")
local ids, prefix, headers, interval, due = {}, "/", {}, 0, nil

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  prefix = args[2] or "/"
  if args[3] and args[3] ~= "" then headers["X-API-Key"] = args[3] end
  interval = tonumber(args[4]) or 0
  headers["Content-Type"] = "application/merge-patch+json"
  headers["If-Match"] = "*"
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

-- Called before each request of any of this thread's connections: it takes the thread's next slot.
function delay()
  local now = now_ms()
  due = math.max((due or now) + interval, now - 1000)
  return math.max(0, math.floor(due - now))
end

function request()
  local rank = math.floor((#ids) ^ math.random())
  if rank < 1 then rank = 1 elseif rank > #ids then rank = #ids end
  return wrk.format("PATCH", prefix .. ids[rank], headers, string.format('{"stock":%d}', math.random(0, 500)))
end
