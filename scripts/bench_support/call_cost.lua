-- Cost per call of a bound Swift function against the same in plain C.
-- Usage: nightjar call_cost.lua N  (echo_c.so on LUA_CPATH). Prints JSON.
local n = tonumber(arg[1]) or 10000000
local swift = require("nightjar.internal").echo
local c = require("echo_c").echo

local function loop(f)
  local start = ml.clock()
  local x = 0.5
  for _ = 1, n do x = f(x) end
  return ml.clock() - start
end

local function median(f)
  local times = {}
  for i = 1, 5 do times[i] = loop(f) end
  table.sort(times)
  return times[3]
end

local empty = median(function(x) return x end)
local c_time = median(c)
local swift_time = median(swift)
print(string.format(
  '{"calls":%d,"lua_function_ns":%.2f,"c_ns":%.2f,"swift_ns":%.2f}',
  n, empty / n * 1e9, c_time / n * 1e9, swift_time / n * 1e9))
