-- GET <prefix><id><suffix> with ids drawn Zipf-like from the seed set (see bench/README.md):
-- the ids file is shuffled once; rank = floor(N^u) with u uniform in [0,1) is Zipf with s = 1 in the limit,
-- so the top 1% of ids get ~60% of requests, the top 10% ~80%, and the rest is a long tail over all N ids.
-- args: ids-file ("-" for a fixed path), prefix, suffix, api key ("" for none), clients (optional: each request
-- comes from one of that many client addresses, drawn uniformly, in X-Forwarded-For as a trusted proxy sends it)
dofile("bench/lua/report.lua")
local ids, prefix, suffix, headers = {}, "/", "", {}
local clients = 0

function init(args)
  prefix, suffix = args[2] or "/", args[3] or ""
  if args[4] and args[4] ~= "" then headers["X-API-Key"] = args[4] end
  clients = tonumber(args[5] or "") or 0
  if args[1] ~= "-" then
    for line in io.lines(args[1]) do ids[#ids + 1] = line end
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

function request()
  if clients > 0 then
    local c = math.random(0, clients - 1)
    headers["X-Forwarded-For"] = "10.0." .. math.floor(c / 256) .. "." .. (c % 256)
  end
  if #ids == 0 then return wrk.format("GET", prefix, headers) end
  local rank = math.floor((#ids) ^ math.random())
  if rank < 1 then rank = 1 elseif rank > #ids then rank = #ids end
  return wrk.format("GET", prefix .. ids[rank] .. suffix, headers)
end
