-- Estimators written in Lua: ml.estimator, and the cross-validation,
-- searches and pipelines that accept them. A Lua estimator runs on the
-- Lua thread (Swift never keeps a Lua reference), so cross_val_score,
-- cross_validate, GridSearchCV, RandomizedSearchCV and Pipeline are Lua
-- dispatchers: a Lua table goes to the implementation here, nightjar's
-- own estimators to the Swift bindings, unchanged.

local selection = {}

local pack, unpack = table.pack, table.unpack
local format = string.format

local ml            -- the ml table
local swift = {}    -- the Swift bindings the dispatchers stand in front of
local matrix_shape  -- Matrix:shape, to recognise a Matrix

-- ------------------------------------------------------------ helpers

local function callable(value)
  if type(value) == "function" then return true end
  local mt = type(value) == "table" and getmetatable(value)
  return type(mt) == "table" and mt.__call ~= nil
end

local function is_matrix(value)
  return type(value) == "userdata" and value.shape == matrix_shape
end

-- A nightjar userdata's class name, from its tostring ("Ridge{...}").
local function type_name(value)
  if is_matrix(value) then return "Matrix" end
  if type(value) == "userdata" then
    local ok, text = pcall(tostring, value)
    return ok and text:match("^[%a_][%w_]*") or "userdata"
  end
  return type(value)
end

-- Errors raised here carry no position: guard() adds the caller's.
local function fail(message)
  error(message, 0)
end

local function bad_argument(index, name, message)
  fail(format("bad argument #%d to '%s' (%s)", index, name, message))
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  return keys
end

local function shallow_copy(t)
  local copy = {}
  for k, v in pairs(t) do copy[k] = v end
  return copy
end

-- Re-raises an error caught by guard at the level of the caller of the
-- public function: a message from the Swift binding or from this module
-- gets the caller's position; one already placed in the user's code
-- (their fit raised) keeps its own. A Swift argument error seen through
-- pcall names no function ('?'): it gets `name`.
local function reraise(name, message)
  if type(message) ~= "string" then error(message, 0) end
  message = message:gsub("^bad argument #(%d+) to '%?'",
                         "bad argument #%1 to '" .. name .. "'", 1)
  local inner = message:match("^nightjar%.[%w_.]+:%d+: (.*)$")
  if inner then
    message = inner
  elseif message:match("^[^\n:]+:%d+: ") then
    error(message, 0)
  end
  error(message, 3)
end

-- `f` as a public function named `name`: errors point at its caller.
local function guard(name, f)
  return function(...)
    local results = pack(pcall(f, ...))
    if results[1] then return unpack(results, 2, results.n) end
    reraise(name, results[2])
  end
end

-- Calls a Swift binding so that its errors can be renamed by guard.
local function forward(original, ...)
  local results = pack(pcall(original, ...))
  if results[1] then return unpack(results, 2, results.n) end
  error(results[2], 0)
end

-- ------------------------------------------------- estimators in general

-- A Lua estimator: a table whose fit can be called.
local function is_lua_estimator(value)
  return type(value) == "table" and callable(value.fit)
end
selection.is_lua_estimator = is_lua_estimator

-- The estimator's name for messages and tostring.
local function name_of(estimator)
  if type(estimator) == "table" then
    return type(estimator.name) == "string" and estimator.name or "table"
  end
  return type_name(estimator)
end

-- Whether an estimator predicts classes: a Lua one unless its
-- estimator_type is "regressor"; a Swift one as it says.
local function is_classifier(estimator)
  if type(estimator) == "table" then
    return estimator.estimator_type ~= "regressor"
  end
  return swift.is_classifier(estimator)
end

-- The hyper-parameters: get_params() when there is one, else the
-- fields of a plain table that are not functions, not fitted (ending
-- in _) and not its name or estimator_type.
local function params_of(estimator)
  if type(estimator) ~= "table" or callable(estimator.get_params) then
    return estimator:get_params()
  end
  local params = {}
  for k, v in pairs(estimator) do
    if type(k) == "string" and not callable(v) and not k:match("_$")
        and k ~= "name" and k ~= "estimator_type" then
      params[k] = v
    end
  end
  return params
end

-- Sets parameters on a Lua estimator (set_params, or its fields).
local function set_params(estimator, params)
  if callable(estimator.set_params) then
    estimator:set_params(params)
  else
    for k, v in pairs(params) do estimator[k] = v end
  end
end

-- A new, unfitted copy with `params` set: clone() when the table has
-- one, else a copy of its fields but the fitted ones (ending in _),
-- with the same metatable; ml.clone for nightjar's estimators.
local function clone(estimator, params)
  if type(estimator) ~= "table" then
    return swift.clone(estimator, params)
  end
  local copy
  if callable(estimator.clone) then
    copy = estimator:clone()
  else
    copy = {}
    for k, v in pairs(estimator) do
      if not (type(k) == "string" and k:match("_$")) then copy[k] = v end
    end
    setmetatable(copy, getmetatable(estimator))
  end
  if params and next(params) ~= nil then set_params(copy, params) end
  return copy
end

-- The number of rows of y: a Matrix's first dimension, a table's length.
local function row_count(y)
  if is_matrix(y) then return (y:shape()) end
  return #y
end

-- The rows of X or y at the 1-based positions `rows`.
local function take(values, rows)
  if is_matrix(values) then return values:index(rows) end
  local out = {}
  for i, row in ipairs(rows) do out[i] = values[row] end
  return out
end

-- The sorted distinct labels of y (numbers or strings).
local function classes_of(y)
  local seen, out = {}, {}
  local values = is_matrix(y) and y:totable() or y
  for _, v in ipairs(values) do
    if not seen[v] then seen[v] = true; out[#out + 1] = v end
  end
  table.sort(out)
  return out
end

-- ------------------------------------------------------------- scoring

local function predict(model, X) return model:predict(X) end

-- Accuracy for a classifier, R^2 for a regressor.
local function kind_score(model, X, y)
  if is_classifier(model) then
    return ml.accuracy_score(y, predict(model, X))
  end
  return ml.r2_score(y, predict(model, X))
end

-- The default score: the estimator's own score, else kind_score.
local function default_score(model, X, y)
  if callable(model.score) then return model:score(X, y) end
  return kind_score(model, X, y)
end

-- Scores for ranking: decision_function, else predict_proba.
local function ranking_scores(model, X, name)
  if callable(model.decision_function) then
    return model:decision_function(X)
  end
  if callable(model.predict_proba) then return model:predict_proba(X) end
  fail(format("%s: %s gives no probabilities or decision scores", name,
              name_of(model)))
end

local function probabilities(model, X, name)
  if callable(model.predict_proba) then return model:predict_proba(X) end
  fail(format("%s: %s gives no probabilities", name, name_of(model)))
end

local named_scorers = {
  accuracy = function(m, X, y)
    return ml.accuracy_score(y, predict(m, X))
  end,
  r2 = function(m, X, y) return ml.r2_score(y, predict(m, X)) end,
  neg_mean_squared_error = function(m, X, y)
    return -ml.mean_squared_error(y, predict(m, X))
  end,
  neg_mean_absolute_error = function(m, X, y)
    return -ml.mean_absolute_error(y, predict(m, X))
  end,
  neg_root_mean_squared_error = function(m, X, y)
    return -math.sqrt(ml.mean_squared_error(y, predict(m, X)))
  end,
  roc_auc = function(m, X, y)
    return ml.roc_auc_score(y, ranking_scores(m, X, "roc_auc"))
  end,
  average_precision = function(m, X, y)
    local classes = classes_of(y)
    return ml.average_precision_score(y,
      ranking_scores(m, X, "average_precision"),
      {pos_label = classes[#classes]})
  end,
  neg_log_loss = function(m, X, y)
    local labels = type(m.classes_) == "table" and m.classes_ or nil
    return -ml.log_loss(y, probabilities(m, X, "neg_log_loss"),
                        {labels = labels})
  end,
}
for _, metric in ipairs({"precision", "recall", "f1"}) do
  for _, average in ipairs({"binary", "micro", "macro", "weighted"}) do
    local name = average == "binary" and metric
      or metric .. "_" .. average
    named_scorers[name] = function(m, X, y)
      return ml[metric .. "_score"](y, predict(m, X), {average = average})
    end
  end
end
for _, multi in ipairs({"ovr", "ovo"}) do
  for _, average in ipairs({"macro", "weighted"}) do
    local name = "roc_auc_" .. multi
      .. (average == "weighted" and "_weighted" or "")
    named_scorers[name] = function(m, X, y)
      return ml.roc_auc_score(y, probabilities(m, X, name),
                              {multi_class = multi, average = average})
    end
  end
end

-- The scorer named or given in options.scoring (argument `index` of
-- `fname`): nil for the default, a name, or a function(model, X, y).
local function scorer_of(scoring, fname, index)
  if scoring == nil then return default_score end
  if callable(scoring) then return scoring end
  if type(scoring) ~= "string" then
    bad_argument(index, fname, "scoring must be a name or a function")
  end
  local found = named_scorers[scoring]
  if not found then
    bad_argument(index, fname,
                 format("invalid option '%s' for 'scoring'", scoring))
  end
  return found
end

-- ---------------------------------------------------- cross-validation

-- Checks the options table: keys among `known`.
local function check_options(options, known, fname, index)
  if options == nil then return {} end
  if type(options) ~= "table" then
    bad_argument(index, fname, "table expected, got " .. type_name(options))
  end
  for key in pairs(options) do
    if type(key) ~= "string" then
      bad_argument(index, fname,
        "option names must be strings, got " .. type(key))
    end
    if not known[key] then
      bad_argument(index, fname, format("unknown option '%s'", key))
    end
  end
  return options
end

-- Checks X (a Matrix) and y (a Matrix or a table, as many rows).
local function check_data(X, y, fname, first)
  if not is_matrix(X) then
    bad_argument(first, fname, "Matrix expected, got " .. type_name(X))
  end
  if not is_matrix(y) and type(y) ~= "table" then
    bad_argument(first + 1, fname,
                 "Matrix or table expected, got " .. type_name(y))
  end
  local rows = (X:shape())
  if rows ~= row_count(y) then
    fail(format("%s: X has %d rows but y has %d", fname, rows,
                row_count(y)))
  end
end

-- The folds: cv = k (StratifiedKFold for classifiers, KFold otherwise,
-- unshuffled, as scikit-learn), or an ml.KFold or ml.StratifiedKFold.
local function folds_of(estimator, X, y, cv, fname, index)
  if cv == nil then cv = 5 end
  if math.type(cv) == "integer"
      or (type(cv) == "number" and cv == math.floor(cv)) then
    if is_classifier(estimator) then
      return ml.StratifiedKFold{n_splits = cv}:split(X, y)
    end
    return ml.KFold{n_splits = cv}:split(X)
  end
  if type(cv) == "userdata" and callable(cv.split)
      and callable(cv.get_n_splits) then
    return cv:split(X, y)
  end
  bad_argument(index, fname,
               "cv must be a number, ml.KFold or ml.StratifiedKFold")
end

-- Whether an error message is Ctrl-C's, which must stop everything.
local function interrupted(message)
  return type(message) == "string" and message:match("interrupted!$")
end

-- Fits a copy of the estimator with each candidate on each fold and
-- scores it, in candidate order (then fold order). A fit or score that
-- raises scores NaN and leaves a line in `failures`, as scikit-learn's
-- error_score = nan; Ctrl-C stops the run.
local function evaluate(estimator, candidates, folds, X, y, weights,
                        scorer)
  local scores, times, failures = {}, {}, {}
  local parts = {}
  for f, fold in ipairs(folds) do
    parts[f] = {
      Xtr = take(X, fold.train), ytr = take(y, fold.train),
      wtr = weights and take(weights, fold.train),
      Xte = take(X, fold.test), yte = take(y, fold.test),
    }
  end
  for c, candidate in ipairs(candidates) do
    scores[c], times[c] = {}, {}
    for f, part in ipairs(parts) do
      local start = ml.clock()
      local ok, result = pcall(function()
        local model = clone(estimator, candidate)
        if part.wtr then
          model:fit(part.Xtr, part.ytr, part.wtr)
        else
          model:fit(part.Xtr, part.ytr)
        end
        return scorer(model, part.Xte, part.yte)
      end)
      times[c][f] = ml.clock() - start
      if ok and type(result) == "number" then
        scores[c][f] = result
      else
        if not ok and interrupted(result) then error(result, 0) end
        local reason = ok and ("the score is a " .. type(result)
          .. ", not a number") or tostring(result)
        reason = reason:gsub("^nightjar%.[%w_.]+:%d+: ", "", 1)
        scores[c][f] = 0 / 0
        failures[#failures + 1] = format("candidate %d, fold %d: %s", c, f,
                                         reason)
      end
    end
  end
  return scores, times, failures
end

local function warn(lines)
  if #lines == 0 then return end
  io.stdout:flush()
  for _, line in ipairs(lines) do
    io.stderr:write("nightjar: warning: fit failed: ", line, "\n")
  end
end

local function mean(values)
  local sum = 0
  for _, v in ipairs(values) do sum = sum + v end
  return sum / math.max(1, #values)
end

-- Population standard deviation, as scikit-learn's std_test_score.
local function deviation(values)
  local m, sum = mean(values), 0
  for _, v in ipairs(values) do sum = sum + (v - m) * (v - m) end
  return math.sqrt(sum / math.max(1, #values))
end

-- Ranks by mean, 1 best, ties sharing the smallest rank, failed (NaN)
-- candidates tied below the worst: as the Swift SearchResults.
local function ranks_of(means)
  local lowest
  for _, v in ipairs(means) do
    if v == v and (lowest == nil or v < lowest) then lowest = v end
  end
  local filled, ranks = {}, {}
  for i, v in ipairs(means) do
    filled[i] = v == v and v or (lowest or 0) - 1
  end
  for i, v in ipairs(filled) do
    local above = 0
    for _, w in ipairs(filled) do if w > v then above = above + 1 end end
    ranks[i] = 1 + above
  end
  return ranks
end

-- A Lua estimator must be able to predict (or score itself).
local function check_predicts(estimator, fname)
  if type(estimator) == "table" and not callable(estimator.predict)
      and not callable(estimator.score) then
    bad_argument(1, fname, "estimator expected, got table with fit but no "
      .. "predict")
  end
end

local function run_cross_validation(estimator, X, y, options, fname)
  check_predicts(estimator, fname)
  options = check_options(options, {cv = true, scoring = true}, fname, 4)
  check_data(X, y, fname, 2)
  local scorer = scorer_of(options.scoring, fname, 4)
  local folds = folds_of(estimator, X, y, options.cv, fname, 4)
  local scores, times, failures = evaluate(estimator, {{}}, folds, X, y,
                                           nil, scorer)
  return scores[1], times[1], failures
end

-- Whether a call goes to the Lua implementation: a Lua estimator, or a
-- scoring function (which Swift cannot call).
local function wants_lua(estimator, options)
  return is_lua_estimator(estimator)
    or (type(options) == "table" and callable(rawget(options, "scoring")))
end

-- ------------------------------------------------------------- searches

local Search = {}
Search.__index = Search

local function search_name(search) return rawget(search, "kind") end

function Search.__tostring(search)
  local text = format("%s(%s, %d candidates)", search.kind,
                      name_of(search.estimator), #search.candidates)
  if search.best_params_ then
    local parts = {}
    for _, k in ipairs(sorted_keys(search.best_params_)) do
      local v = search.best_params_[k]
      parts[#parts + 1] = k .. " = "
        .. (type(v) == "string" and format("%q", v) or tostring(v))
    end
    text = text .. " best: {" .. table.concat(parts, ", ") .. "} score "
      .. tostring(search.best_score_)
  end
  return text
end

-- Every combination of a grid, names sorted and the last varying
-- fastest, grids one after another: scikit-learn's ParameterGrid order.
local function grid_candidates(grid, fname)
  if type(grid) ~= "table" then
    bad_argument(2, fname, "table expected, got " .. type_name(grid))
  end
  local grids = type(grid[1]) == "table" and grid or {grid}
  local all = {}
  for position, one in ipairs(grids) do
    if type(one) ~= "table" then
      bad_argument(2, fname, format("grid %d must be a table, got %s",
                                    position, type_name(one)))
    end
    local combinations = {{}}
    for _, name in ipairs(sorted_keys(one)) do
      if type(name) ~= "string" then
        bad_argument(2, fname, "grid keys must be names")
      end
      local values = one[name]
      if type(values) ~= "table" or is_lua_estimator(values) then
        values = {values}
      end
      if #values == 0 then
        fail(format("%s: parameter '%s' has no values", fname, name))
      end
      local next_combinations = {}
      for _, partial in ipairs(combinations) do
        for _, value in ipairs(values) do
          local candidate = shallow_copy(partial)
          candidate[name] = value
          next_combinations[#next_combinations + 1] = candidate
        end
      end
      combinations = next_combinations
    end
    for _, candidate in ipairs(combinations) do all[#all + 1] = candidate end
  end
  if #all == 0 or next(all[1]) == nil then
    fail(fname .. ": the grid is empty")
  end
  return all
end

local function check_candidates(estimator, candidates, fname)
  local known = params_of(estimator)
  for _, candidate in ipairs(candidates) do
    for _, name in ipairs(sorted_keys(candidate)) do
      if known[name] == nil then
        bad_argument(2, fname, format("%s has no parameter '%s'",
                                      name_of(estimator), name))
      end
    end
  end
end

local search_options = {
  GridSearchCV = {cv = true, scoring = true, refit = true},
  RandomizedSearchCV = {cv = true, scoring = true, refit = true,
                        n_iter = true, seed = true},
}

local function new_search(kind, estimator, candidates, options)
  check_predicts(estimator, kind)
  options = check_options(options, search_options[kind], kind, 3)
  check_candidates(estimator, candidates, kind)
  local search = {
    kind = kind, estimator = clone(estimator), candidates = candidates,
    cv = options.cv, refit = options.refit ~= false,
    scorer = scorer_of(options.scoring, kind, 3),
  }
  return setmetatable(search, Search)
end

Search.fit = guard("fit", function(search, X, y, weights)
  if getmetatable(search) ~= Search then
    fail("calling 'fit' on bad self (GridSearchCV expected, got "
      .. type_name(search) .. ")")
  end
  check_data(X, y, "fit", 1)
  local folds = folds_of(search.estimator, X, y, search.cv, "fit", 1)
  local scores, times, failures = evaluate(search.estimator,
    search.candidates, folds, X, y, weights, search.scorer)
  warn(failures)
  local means, deviations, fit_times = {}, {}, {}
  for c in ipairs(search.candidates) do
    means[c], deviations[c] = mean(scores[c]), deviation(scores[c])
    fit_times[c] = mean(times[c])
  end
  local ranks = ranks_of(means)
  local best = 1
  for c, rank in ipairs(ranks) do
    if rank == 1 then best = c; break end
  end
  local results = {params = {}}
  for c, candidate in ipairs(search.candidates) do
    results.params[c] = shallow_copy(candidate)
  end
  results.mean_test_score = ml.Matrix(means)
  results.std_test_score = ml.Matrix(deviations)
  results.rank_test_score = ml.Matrix(ranks)
  results.mean_fit_time = ml.Matrix(fit_times)
  for f in ipairs(folds) do
    local column = {}
    for c in ipairs(search.candidates) do column[c] = scores[c][f] end
    results["split" .. f .. "_test_score"] = ml.Matrix(column)
  end
  search.cv_results_ = results
  search.best_index_ = best
  search.best_score_ = means[best]
  search.best_params_ = shallow_copy(search.candidates[best])
  search.best_estimator_ = nil
  if search.refit then
    local start = ml.clock()
    local model = clone(search.estimator, search.candidates[best])
    if weights then model:fit(X, y, weights) else model:fit(X, y) end
    search.best_estimator_ = model
    search.refit_time_ = ml.clock() - start
  end
  return search
end)

local function best_of(search)
  if search.best_estimator_ then return search.best_estimator_ end
  if search.cv_results_ == nil then
    fail("this " .. search_name(search)
      .. " is not fitted yet; call fit first")
  end
  fail("refit is false: there is no best_estimator_")
end

Search.predict = guard("predict", function(search, X)
  return best_of(search):predict(X)
end)

Search.score = guard("score", function(search, X, y)
  return search.scorer(best_of(search), X, y)
end)

for _, method in ipairs({"predict_proba", "decision_function"}) do
  Search[method] = guard(method, function(search, X)
    local best = best_of(search)
    if not callable(best[method]) then
      fail(format("%s: %s has no %s", method, name_of(best), method))
    end
    return best[method](best, X)
  end)
end

-- ------------------------------------------------------------ pipelines

local Pipeline = {}
Pipeline.__index = Pipeline
Pipeline.name = "Pipeline"

function Pipeline.__tostring(pipeline)
  local parts = {}
  for _, step in ipairs(pipeline.steps) do
    parts[#parts + 1] = step[1] .. " = " .. name_of(step[2])
  end
  return "Pipeline{" .. table.concat(parts, ", ") .. "}"
end

local function make_pipeline(steps)
  local seen, checked = {}, {}
  for position, entry in ipairs(steps) do
    local name = type(entry) == "table" and entry[1]
    local step = type(entry) == "table" and entry[2]
    if type(name) ~= "string"
        or (type(step) ~= "table" and type(step) ~= "userdata") then
      bad_argument(1, "Pipeline",
                   format("step %d must be {name, estimator}", position))
    end
    if name == "" or name:find("__", 1, true) then
      bad_argument(1, "Pipeline", format("step %d has the name '%s'; names "
        .. "must be non-empty and must not contain '__'", position, name))
    end
    if seen[name] then
      bad_argument(1, "Pipeline", format("two steps are named '%s'", name))
    end
    seen[name] = true
    if position < #steps and not callable(step.transform) then
      bad_argument(1, "Pipeline", format("step '%s' is a %s, which cannot "
        .. "transform; only the last step may be a model", name,
        name_of(step)))
    end
    checked[position] = {name, step}
  end
  if #checked == 0 then bad_argument(1, "Pipeline", "no steps") end
  local final = checked[#checked][2]
  return setmetatable({
    steps = checked,
    estimator_type = is_classifier(final) and "classifier" or "regressor",
  }, Pipeline)
end

-- X through every step but the last (fitting them first with `y`).
local function through(pipeline, X, y, fitting)
  for position = 1, #pipeline.steps - 1 do
    local step = pipeline.steps[position][2]
    if fitting and callable(step.fit_transform) then
      X = step:fit_transform(X, y)
    else
      if fitting then step:fit(X, y) end
      X = step:transform(X)
    end
  end
  return X
end

local function final_step(pipeline)
  return pipeline.steps[#pipeline.steps][2]
end

Pipeline.fit = guard("fit", function(pipeline, X, y, weights)
  X = through(pipeline, X, y, true)
  local final = final_step(pipeline)
  if weights then final:fit(X, y, weights) else final:fit(X, y) end
  pipeline.fitted_ = true
  return pipeline
end)

local function fitted(pipeline, method)
  if not pipeline.fitted_ then
    fail(method .. ": this Pipeline is not fitted yet; call fit first")
  end
  return final_step(pipeline)
end

for _, method in ipairs({"predict", "predict_proba", "decision_function"}) do
  Pipeline[method] = guard(method, function(pipeline, X)
    local final = fitted(pipeline, method)
    if not callable(final[method]) then
      fail(format("%s: the last step (%s) has no %s", method,
                  name_of(final), method))
    end
    return final[method](final, through(pipeline, X))
  end)
end

Pipeline.score = guard("score", function(pipeline, X, y)
  fitted(pipeline, "score")
  return default_score(final_step(pipeline), through(pipeline, X), y)
end)

Pipeline.transform = guard("transform", function(pipeline, X)
  local final = fitted(pipeline, "transform")
  X = through(pipeline, X)
  if callable(final.transform) then X = final:transform(X) end
  return X
end)

Pipeline.step = guard("step", function(pipeline, name)
  for _, step in ipairs(pipeline.steps) do
    if step[1] == name then return step[2] end
  end
  bad_argument(1, "step", format("no step named '%s'", tostring(name)))
end)

Pipeline.get_params = guard("get_params", function(pipeline)
  local params = {}
  for _, step in ipairs(pipeline.steps) do
    for k, v in pairs(params_of(step[2])) do
      params[step[1] .. "__" .. k] = v
    end
  end
  return params
end)

Pipeline.set_params = guard("set_params", function(pipeline, params)
  if type(params) ~= "table" then
    bad_argument(1, "set_params", "table expected, got " .. type_name(params))
  end
  local known = pipeline:get_params()
  local by_step = {}
  for _, key in ipairs(sorted_keys(params)) do
    local name, parameter = tostring(key):match("^(.-)__(.+)$")
    if known[key] == nil or not name then
      bad_argument(1, "set_params", format("unknown option '%s'", key))
    end
    by_step[name] = by_step[name] or {}
    by_step[name][parameter] = params[key]
  end
  for _, step in ipairs(pipeline.steps) do
    local values = by_step[step[1]]
    if values then
      if type(step[2]) == "table" then
        set_params(step[2], values)
      elseif callable(step[2].set_params) then
        step[2]:set_params(values)
      else
        step[2] = swift.clone(step[2], values)
      end
    end
  end
  return pipeline
end)

Pipeline.clone = guard("clone", function(pipeline)
  local steps = {}
  for position, step in ipairs(pipeline.steps) do
    steps[position] = {step[1], clone(step[2])}
  end
  return make_pipeline(steps)
end)

-- ------------------------------------------------------- ml.estimator

local known_fields = {name = "string", params = "table",
                      estimator_type = "string"}

local function value_text(v)
  return type(v) == "string" and format("%q", v) or tostring(v)
end

local function make_estimator(spec)
  if type(spec) ~= "table" then
    bad_argument(1, "estimator", "table expected, got " .. type_name(spec))
  end
  for key, value in pairs(spec) do
    local wanted = known_fields[key]
    if wanted then
      if type(value) ~= wanted then
        bad_argument(1, "estimator", format("'%s' must be a %s, got %s",
                                            key, wanted, type_name(value)))
      end
    elseif type(key) ~= "string" or not callable(value) then
      bad_argument(1, "estimator", format("'%s' must be a function (a "
        .. "method), got %s", tostring(key), type_name(value)))
    end
  end
  if not callable(spec.fit) then
    bad_argument(1, "estimator", "fit (a function) is required")
  end
  if not callable(spec.predict) and not callable(spec.transform) then
    bad_argument(1, "estimator",
                 "predict or transform (a function) is required")
  end
  local kind = spec.estimator_type or "classifier"
  if kind ~= "classifier" and kind ~= "regressor" then
    bad_argument(1, "estimator", format("invalid option '%s' for "
      .. "'estimator_type'", kind))
  end
  local defaults = shallow_copy(spec.params or {})
  for key in pairs(defaults) do
    if type(key) ~= "string" then
      bad_argument(1, "estimator", "parameter names must be strings")
    end
  end

  local class = {name = spec.name or "Estimator", estimator_type = kind}
  for key, value in pairs(spec) do
    if not known_fields[key] then class[key] = value end
  end
  local meta = {__index = class, __name = class.name}
  local function new(values)
    local object = shallow_copy(values)
    return setmetatable(object, meta)
  end
  local user_fit = spec.fit
  function class.fit(self, ...)
    user_fit(self, ...)
    return self
  end
  function class.get_params(self)
    local params = {}
    for key in pairs(defaults) do params[key] = self[key] end
    return params
  end
  class.set_params = guard("set_params", function(self, params)
    if type(params) ~= "table" then
      bad_argument(1, "set_params",
                   "table expected, got " .. type_name(params))
    end
    for _, key in ipairs(sorted_keys(params)) do
      if defaults[key] == nil then
        bad_argument(1, "set_params", format("unknown option '%s'",
                                             tostring(key)))
      end
    end
    for key, value in pairs(params) do self[key] = value end
    return self
  end)
  function class.clone(self, params)
    local copy = new(self:get_params())
    if params then copy:set_params(params) end
    return copy
  end
  if not callable(spec.score) then class.score = kind_score end
  meta.__call = function(self, params) return self:clone(params) end
  meta.__tostring = function(self)
    local parts = {}
    for _, key in ipairs(sorted_keys(defaults)) do
      if self[key] ~= defaults[key] then
        parts[#parts + 1] = key .. " = " .. value_text(self[key])
      end
    end
    return class.name .. "{" .. table.concat(parts, ", ") .. "}"
  end
  return new(defaults)
end

-- ------------------------------------------------------------ install

local estimator_help = [[
ml.estimator{name = "Name", params = {...}, fit = f, predict = g [, ...]}
  -> estimator
  An estimator written in Lua, usable wherever nightjar's are:
  ml.cross_val_score, ml.cross_validate, ml.GridSearchCV,
  ml.RandomizedSearchCV and ml.Pipeline (as any step with transform, or
  the last). Runs on the Lua thread, one fold after another.
  Fields:
    params = {...}          hyper-parameters and defaults (not nil; use
                            false); they become fields of the object
                            (self.threshold) and what get_params,
                            set_params and searches see
    fit(self, X, y)         learns; store what it learns in fields
                            ending in _ (self.majority_); returns self
    predict(self, X)        predictions: a Matrix or a table of labels
    score(self, X, y)       optional; default accuracy (classifier) or
                            R^2 (regressor)
    estimator_type          "classifier" (default: stratified folds) or
                            "regressor"
    transform, predict_proba, decision_function, ...  optional methods
  The result has get_params, set_params and clone; calling it with a
  table, est{threshold = 2}, gives an unfitted copy with those values.
  A plain table with fit and predict works too: its parameters are its
  fields that are not functions and do not end in _.
Example:
  local Majority = ml.estimator{name = "Majority", params = {},
    fit = function(self, X, y)
      local counts = {}
      for _, v in ipairs(y) do counts[v] = (counts[v] or 0) + 1 end
      local best; for v, n in pairs(counts) do
        if not best or n > counts[best] then best = v end end
      self.label_ = best
    end,
    predict = function(self, X)
      local out = {}; for i = 1, X:shape() do out[i] = self.label_ end
      return out
    end}
  print(ml.cross_val_score(Majority, X, y, {cv = 5}))]]

local lua_note = [[

Lua estimators (tables with fit and predict, see ml.estimator) and
scoring functions, function(model, X, y) -> number, run on the Lua
thread, fold after fold.]]

-- Installs the dispatchers into ml; `document(value, group, name, text)`
-- records help texts, `texts` holds the existing ones.
function selection.install(ml_table, texts, document)
  ml = ml_table
  matrix_shape = ml.Matrix.zeros(1).shape
  swift.clone = ml.clone
  swift.is_classifier = ml.is_classifier
  local lua_clone = guard("clone", function(estimator, params)
    if type(estimator) == "table" then
      if not is_lua_estimator(estimator) then
        bad_argument(1, "clone", "estimator expected, got table")
      end
      return clone(estimator, params)
    end
    return forward(swift.clone, estimator, params)
  end)
  local lua_is_classifier = guard("is_classifier", function(estimator)
    if type(estimator) == "table" then return is_classifier(estimator) end
    return forward(swift.is_classifier, estimator)
  end)
  document(lua_clone, "Models", "clone", texts[ml.clone])
  document(lua_is_classifier, "Models", "is_classifier",
           texts[ml.is_classifier])
  ml.clone, ml.is_classifier = lua_clone, lua_is_classifier

  for _, name in ipairs({"cross_val_score", "cross_validate"}) do
    local original = ml[name]
    local dispatcher = guard(name, function(estimator, X, y, options)
      if not wants_lua(estimator, options) then
        return forward(original, estimator, X, y, options)
      end
      local scores, times, failures = run_cross_validation(
        estimator, X, y, options, name)
      if name == "cross_val_score" then return ml.Matrix(scores) end
      warn(failures)
      return {test_score = ml.Matrix(scores), fit_time = ml.Matrix(times)}
    end)
    document(dispatcher, "Model selection", name, texts[original] .. lua_note)
    ml[name] = dispatcher
  end

  local function wrap_class(name, lua_version)
    local class = ml[name]
    local mt = getmetatable(class)
    local original = mt.__call
    mt.__call = guard(name, function(self, first, ...)
      local lua_result = lua_version(first, ...)
      if lua_result then return lua_result end
      return forward(original, self, first, ...)
    end)
    texts[class] = texts[class] .. lua_note
  end
  wrap_class("GridSearchCV", function(estimator, grid, options)
    if not wants_lua(estimator, options) then return nil end
    return new_search("GridSearchCV", estimator,
                      grid_candidates(grid, "GridSearchCV"), options)
  end)
  wrap_class("RandomizedSearchCV", function(estimator, spaces, options)
    if not wants_lua(estimator, options) then return nil end
    local drawing = {}
    if type(options) == "table" then
      drawing = {n_iter = rawget(options, "n_iter"),
                 seed = rawget(options, "seed")}
    end
    local ok, candidates = pcall(ml.ParameterSampler, spaces, drawing)
    if not ok then
      -- The sampler's complaints, as RandomizedSearchCV's own arguments.
      local message = tostring(candidates)
      local index, text = message:match(
        "^bad argument #(%d+) to '[^']*' %((.*)%)$")
      if index then
        bad_argument(tonumber(index) + 1, "RandomizedSearchCV", text)
      end
      local inner = message:match("^ParameterSampler: (.*)$")
      if inner then bad_argument(2, "RandomizedSearchCV", inner) end
      fail(message)
    end
    return new_search("RandomizedSearchCV", estimator, candidates, options)
  end)
  wrap_class("Pipeline", function(steps)
    if type(steps) ~= "table" then return nil end
    for _, entry in ipairs(steps) do
      if type(entry) == "table" and type(entry[2]) == "table" then
        return make_pipeline(steps)
      end
    end
    return nil
  end)

  ml.estimator = guard("estimator", make_estimator)
  document(ml.estimator, "Models", "estimator", estimator_help)
end

return selection
