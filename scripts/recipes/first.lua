-- A first recipe: shows that nightjar runs and how long a small piece of
-- Lua takes. Run it with: nightjar scripts/recipes/first.lua
print(string.format("nightjar runs Lua %s with ml %s", _VERSION,
                    type(ml) == "table" and "loaded" or "missing"))
local elapsed, total = ml.time(function()
  local sum = 0
  for i = 1, 1000000 do sum = sum + i * i end
  return sum
end)
print("sum of squares 1..1e6 =", total)
