-- nightjar's side of the data benchmark: read_csv of each file given and
-- StandardScaler on the first one's numeric columns, medians of 3 runs,
-- as one JSON line.
local function median(f)
  local times = {}
  for i = 1, 3 do
    collectgarbage()
    local start = ml.clock()
    f()
    times[i] = ml.clock() - start
  end
  table.sort(times)
  return times[2]
end

local parts = {}
for index, path in ipairs(arg) do
  local name = path:match("([^/]+)%.csv$") or path
  parts[#parts + 1] = string.format('"read_csv %s":%.6f', name,
    median(function() ml.read_csv(path) end))
  if index == 1 then
    local X = ml.read_csv(path):drop("label"):to_matrix()
    parts[#parts + 1] = string.format('"StandardScaler %s":%.6f', name,
      median(function() ml.StandardScaler():fit_transform(X):free() end))
  end
end
print("{" .. table.concat(parts, ",") .. "}")
