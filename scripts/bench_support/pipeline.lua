-- nightjar's side of the founding-pipeline benchmark: the stages of
-- ../shared/bench/sklearn_pipeline.py (load, prep, scale, split, fit,
-- eval, grid), timed in-process, printed as one JSON line in the same
-- schema so that compare_results.py can put the two side by side.
-- Usage: nightjar pipeline.lua DATA.csv [stage]   (stage: all or fit)
local path = assert(arg[1], "usage: pipeline.lua DATA.csv [all|fit]")
local stage = arg[2] or "all"
local times, results = {}, {}

local function timed(name, f)
  local start = ml.clock()
  local value = table.pack(f())
  times[name] = ml.clock() - start
  return table.unpack(value, 1, value.n)
end

local data = timed("load", function() return ml.read_csv(path) end)
local rows = data:shape()

local features, y = timed("prep", function()
  local y = ml.Matrix(data["label"])
  local features = data:drop("label")
  return features, y
end)
data = nil

local X, scaler = timed("scale", function()
  local scaler = ml.StandardScaler()
  return scaler:fit_transform(features:to_matrix()), scaler
end)
features = nil
results.scale = {X_sum_abs = X:abs():sum()}

local n_test = math.ceil(0.2 * rows)
local n_train = rows - n_test
local Xtr, Xte, ytr, yte = timed("split", function()
  return X:slice(1, n_train), X:slice(n_train + 1, rows),
    y:slice(1, n_train), y:slice(n_train + 1, rows)
end)
results.split = {n_train = n_train, n_test = n_test,
                 train_positives = ytr:sum()}

local function summary(m)
  return {n_iter = m.n_iter_, coef_norm = m.coef_:norm(),
          coef_l1 = m.coef_:abs():sum(), intercept = m.intercept_:get(1),
          coef_nonzero = m.coef_:count_nonzero()}
end
local model = timed("fit", function()
  return ml.LogisticRegression():fit(Xtr, ytr)
end)
local l1 = timed("fit:l1", function()
  return ml.LogisticRegression{penalty = "l1"}:fit(Xtr, ytr)
end)
results.fit = {lbfgs = summary(model), l1 = summary(l1)}

timed("eval", function()
  local pred = model:predict(Xte)
  results.eval = {accuracy = ml.accuracy_score(yte, pred),
                  f1 = ml.f1_score(yte, pred),
                  recall = ml.recall_score(yte, pred),
                  predicted_positives = pred:sum()}
end)

if stage == "all" then
  local search = timed("grid", function()
    return ml.GridSearchCV(ml.LogisticRegression(),
      {C = {0.1, 1, 10}, penalty = {"l1", "l2"}}, {cv = 5}):fit(X, y)
  end)
  local cv = search.cv_results_
  local params, scores = {}, {}
  for i, p in ipairs(cv.params) do
    params[i] = p
    scores[i] = cv.mean_test_score:get(i)
  end
  results.grid = {nightjar = {best_params = search.best_params_,
                              best_score = search.best_score_,
                              params = params, mean_test_score = scores}}
end

-- A small JSON writer for the result tables (numbers, strings, tables).
local function json(value)
  local kind = type(value)
  if kind == "number" then
    if value ~= value then return "null" end
    if math.type(value) == "integer" or value == math.floor(value)
      and math.abs(value) < 1e15 then
      return string.format("%d", value)
    end
    return string.format("%.12g", value)
  elseif kind == "string" then
    return string.format("%q", value)
  elseif kind == "table" then
    if #value > 0 then
      local items = {}
      for i, v in ipairs(value) do items[i] = json(v) end
      return "[" .. table.concat(items, ",") .. "]"
    end
    local keys = {}
    for k in pairs(value) do keys[#keys + 1] = k end
    table.sort(keys)
    local items = {}
    for i, k in ipairs(keys) do
      items[i] = string.format("%q:%s", k, json(value[k]))
    end
    return "{" .. table.concat(items, ",") .. "}"
  end
  return "null"
end

local total = 0
for _, seconds in pairs(times) do total = total + seconds end
print(json({impl = "nightjar", data = path, stage = stage, rows = rows,
            times_s = times, total_s = total, results = results}))
