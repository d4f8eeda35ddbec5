-- GET a path drawn uniformly from a file of paths (one per line). args: paths-file, api key ("" for none)
dofile("bench/lua/report.lua")
local paths, headers = {}, {}

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  if args[2] and args[2] ~= "" then headers["X-API-Key"] = args[2] end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
