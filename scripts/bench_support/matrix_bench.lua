-- nightjar's side of the matrix benchmark: the median seconds of each
-- operation over several runs, as one JSON line (see matrix_numpy.py).
local function median(runs, f)
  local times = {}
  for i = 1, runs do
    collectgarbage()
    local start = ml.clock()
    f()
    times[i] = ml.clock() - start
  end
  table.sort(times)
  return times[(runs + 1) // 2]
end

local results = {}
local a = ml.Matrix.rand(20000000, {seed = 1})
local b = ml.Matrix.rand(20000000, {seed = 2})
results.add_2e7 = median(7, function() local c = a + b; c:free() end)
a:free(); b:free()

local X = ml.Matrix.randn(200000, 100, {seed = 3})
results.standardize_2e7 = median(7, function()
  local Z = (X - X:mean(1)) / X:std(1)
  Z:free()
end)
results.sum_axis1_2e7 = median(7, function() X:sum(1):free() end)
results.sum_axis2_2e7 = median(7, function() X:sum(2):free() end)
X:free()

local A = ml.Matrix.randn(2000, 2000, {seed = 4})
local B = ml.Matrix.randn(2000, 2000, {seed = 5})
results.matmul_2000 = median(5, function() A:matmul(B):free() end)
A:free(); B:free()

local S = ml.Matrix.randn(1000, 1000, {seed = 6})
local r = ml.Matrix.randn(1000, 1, {seed = 7})
results.solve_1000 = median(5, function() ml.solve(S, r):free() end)

local T = ml.Matrix.randn(4000, 4000, {seed = 8})
results.transpose_4000 = median(7, function() T:transpose():free() end)

local parts = {}
for name, seconds in pairs(results) do
  parts[#parts + 1] = string.format('"%s":%.6f', name, seconds)
end
table.sort(parts)
print("{" .. table.concat(parts, ",") .. "}")
