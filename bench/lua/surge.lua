-- bench/surge.sh's load: GET <prefix><id> with ids drawn Zipf-like as product.lua draws them, at a fixed rate per
-- wrk thread (0: as fast as the connections go). Each call of delay() books the thread's next send slot, rate^-1
-- after the previous one; a slot already past goes at once (backlog capped at 1 s), so the offered rate holds while
-- the connections suffice (connections / rate above the latency). Clock: CLOCK_MONOTONIC through LuaJIT's FFI.
-- args: ids-file, prefix, api key, requests per second per thread, "sequential" (optional: every id in turn, from a
-- random start per thread, to fill the caches before measuring)
dofile("bench/lua/report.lua")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } surge_timespec;
  int clock_gettime(int clock, surge_timespec *ts);
]]
local ts = ffi.new("surge_timespec")
local function now()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local ids, prefix, headers, interval, slot, sequential, next_id = {}, "/", {}, 0, nil, false, 1

function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  prefix = args[2]
  if args[3] and args[3] ~= "" then headers["X-API-Key"] = args[3] end
  local rate = tonumber(args[4] or "0") or 0
  interval = rate > 0 and 1 / rate or 0
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  sequential = args[5] == "sequential"
  next_id = math.random(1, #ids)
end

function delay()
  if interval == 0 then return 0 end
  local t = now()
  slot = math.max((slot or t) + interval, t - 1)
  local wait = (slot - t) * 1000
  return wait > 0 and wait or 0
end

function request()
  if sequential then
    next_id = next_id % #ids + 1
    return wrk.format("GET", prefix .. ids[next_id], headers)
  end
  local rank = math.floor((#ids) ^ math.random())
  if rank < 1 then rank = 1 elseif rank > #ids then rank = #ids end
  return wrk.format("GET", prefix .. ids[rank], headers)
end
