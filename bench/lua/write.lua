-- POST /api/catalog/products, each with a new SKU, into a random seed category.
-- args: categories-file, api key, pause in ms between requests of one connection (0: as fast as possible)
dofile("bench/lua/report.lua")
local categories, headers, pause, n, tag = {}, {}, 0, 0, ""

function init(args)
  for line in io.lines(args[1]) do categories[#categories + 1] = line end
  headers["X-API-Key"] = args[2]
  headers["Content-Type"] = "application/json"
  pause = tonumber(args[3]) or 0
  local seed = os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000
  math.randomseed(seed)
  tag = string.format("%x%x", os.time(), math.random(0, 0xffffff))
end

function delay()
  return pause
end

function request()
  n = n + 1
  local body = string.format('{"sku":"BENCH-%s-%d","name":"Bench product %d","priceCents":%d,"currency":"EUR",' ..
    '"categoryId":"%s","merchantId":"bench","stock":%d,"attributes":{"bench":true}}',
    tag, n, n, math.random(100, 100000), categories[math.random(#categories)], math.random(0, 50))
  return wrk.format("POST", "/api/catalog/products", headers, body)
end
