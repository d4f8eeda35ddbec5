-- POST /api/catalog/products, each with a new SKU, into a random seed category.
-- args: categories-file, api key (empty: none), pause in ms between requests of one connection (0: as fast as
-- possible), path (default /api/catalog/products), SKU prefix (default BENCH)
dofile("bench/lua/report.lua")
local categories, headers, pause, n, tag, path, prefix = {}, {}, 0, 0, "", "/api/catalog/products", "BENCH"

function init(args)
  for line in io.lines(args[1]) do categories[#categories + 1] = line end
  if args[2] and args[2] ~= "" then headers["X-API-Key"] = args[2] end
  headers["Content-Type"] = "application/json"
  pause = tonumber(args[3]) or 0
  if args[4] and args[4] ~= "" then path = args[4] end
  if args[5] and args[5] ~= "" then prefix = args[5] end
  local seed = os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000
  math.randomseed(seed)
  tag = string.format("%x%x", os.time(), math.random(0, 0xffffff))
end

function delay()
  return pause
end

function request()
  n = n + 1
  local body = string.format('{"sku":"%s-%s-%d","name":"Bench product %d","priceCents":%d,"currency":"EUR",' ..
    '"categoryId":"%s","merchantId":"bench","stock":%d,"attributes":{"bench":true}}',
    prefix, tag, n, n, math.random(100, 100000), categories[math.random(#categories)], math.random(0, 50))
  return wrk.format("POST", path, headers, body)
end
