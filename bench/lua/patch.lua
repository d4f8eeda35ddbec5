-- PATCH <prefix><id> with a JSON merge patch of a new stock, ids drawn like product.lua's reads (Zipf over the
-- file), so the hottest entries are purged most often; If-Match: * (any version), as a stock feed would send.
-- args: ids-file, prefix, api key (empty: none), pause in ms between requests of one connection (0: no pause)
dofile("bench/lua/report.lua")
local ids, prefix, headers, pause = {}, "/", {}, 0

function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  prefix = args[2] or "/"
  if args[3] and args[3] ~= "" then headers["X-API-Key"] = args[3] end
  pause = tonumber(args[4]) or 0
  headers["Content-Type"] = "application/merge-patch+json"
  headers["If-Match"] = "*"
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

function delay()
  return pause
end

function request()
  local rank = math.floor((#ids) ^ math.random())
  if rank < 1 then rank = 1 elseif rank > #ids then rank = #ids end
  return wrk.format("PATCH", prefix .. ids[rank], headers, string.format('{"stock":%d}', math.random(0, 500)))
end
