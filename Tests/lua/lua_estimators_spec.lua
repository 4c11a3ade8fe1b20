-- Estimators written in Lua: ml.estimator and plain tables in
-- cross_val_score, GridSearchCV, RandomizedSearchCV and Pipeline, with
-- the same candidate order, tie-breaking and fields as the Swift ones.

-- 24 rows: column 1 separates the classes at about 0.5, column 2 is
-- noise; labels as strings.
local rows, labels, numbers = {}, {}, {}
for i = 1, 24 do
  local x1 = ((i * 7) % 24) / 24
  local x2 = ((i * 5) % 11) / 11
  rows[i] = {x1, x2}
  labels[i] = x1 > 0.5 and "yes" or "no"
  numbers[i] = x1 > 0.5 and 1 or 0
end
local X = ml.Matrix(rows)
local words = {"no", "yes", "yes", "no", "yes", "yes", "no", "no", "yes",
               "no"}

-- The most frequent training label (the smallest on a tie).
local Majority = ml.estimator{
  name = "Majority",
  fit = function(self, X, y)
    local counts = {}
    for _, v in ipairs(y) do counts[v] = (counts[v] or 0) + 1 end
    local best
    for v, n in pairs(counts) do
      if best == nil or n > counts[best] or (n == counts[best] and v < best)
      then best = v end
    end
    self.label_ = best
  end,
  predict = function(self, X)
    local out = {}
    for i = 1, (X:shape()) do out[i] = self.label_ end
    return out
  end,
}

-- "yes" where column `column` exceeds `threshold`.
local Threshold = ml.estimator{
  name = "Threshold",
  params = {column = 1, threshold = 0.5},
  fit = function(self, X, y) self.fitted_ = true end,
  predict = function(self, X)
    local out = {}
    local values = X:col(self.column):totable()
    for i, v in ipairs(values) do
      out[i] = v > self.threshold and "yes" or "no"
    end
    return out
  end,
}

-- Accuracy of `make()` fitted on each fold of ml.StratifiedKFold, by
-- hand, to compare with cross_val_score.
local function by_hand(make, X, y, k)
  local scores = {}
  for f, fold in ipairs(ml.StratifiedKFold{n_splits = k}:split(X, y)) do
    local train_y, test_y = {}, {}
    for i, r in ipairs(fold.train) do train_y[i] = y[r] end
    for i, r in ipairs(fold.test) do test_y[i] = y[r] end
    local m = make():fit(X:index(fold.train), train_y)
    scores[f] = ml.accuracy_score(test_y, m:predict(X:index(fold.test)))
  end
  return scores
end

describe("ml.estimator", function()
  it("builds an estimator with parameters as fields", function()
    expect(Threshold.threshold):to_be(0.5)
    expect(Threshold:get_params()):to_equal({column = 1, threshold = 0.5})
    local t = Threshold{threshold = 0.25}
    expect(t.threshold):to_be(0.25)
    expect(Threshold.threshold):to_be(0.5)
    expect(tostring(t)):to_be("Threshold{threshold = 0.25}")
    expect(tostring(Majority)):to_be("Majority{}")
    expect(t:set_params{column = 2}):to_be(t)
    expect(t:fit(X, labels)):to_be(t)
    expect(t.fitted_):to_be(true)
    local copy = t:clone()
    expect(copy.fitted_):to_be(nil)
    expect(copy:get_params()):to_equal({column = 2, threshold = 0.25})
    expect(ml.clone(t, {threshold = 0.75}).threshold):to_be(0.75)
    expect(ml.is_classifier(t)):to_be(true)
    expect(ml.is_classifier(ml.Ridge())):to_be(false)
    expect(t:score(X, labels))
      :to_be(ml.accuracy_score(labels, t:predict(X)))
  end)

  it("names what is wrong", function()
    checkerror("bad argument #1 to 'estimator' (fit (a function) is "
      .. "required)", function()
        return ml.estimator{predict = function() end}
      end)
    checkerror("bad argument #1 to 'estimator' ('params' must be a table, "
      .. "got number)", function()
        return ml.estimator{params = 1, fit = print, predict = print}
      end)
    checkerror("bad argument #1 to 'estimator' ('alpha' must be a function "
      .. "(a method), got number)", function()
        return ml.estimator{alpha = 1, fit = print, predict = print}
      end)
    checkerror("bad argument #1 to 'set_params' (unknown option 'cutoff')",
      function() return Threshold:set_params{cutoff = 1} end)
    local text = {}
    local saved = io.stdout
    io.stdout = {write = function(_, s) text[#text + 1] = s end}
    help(ml.estimator)
    io.stdout = saved
    expect(table.concat(text):match("^ml%.estimator{")):to_be_truthy()
    expect(table.concat(text):find("Example:", 1, true) ~= nil):to_be(true)
  end)
end)

describe("cross_val_score with Lua estimators", function()
  it("scores a majority-class estimator fold by fold", function()
    local scores = ml.cross_val_score(Majority, X, labels, {cv = 4})
    expect(scores:totable()):to_equal(by_hand(function()
      return Majority:clone()
    end, X, labels, 4))
  end)

  it("scores a threshold estimator and a plain table", function()
    local scores = ml.cross_val_score(Threshold, X, labels, {cv = 3})
    expect(scores:totable()):to_equal({1, 1, 1})
    local plain = {
      threshold = 0.5,
      fit = function(self, X, y) return self end,
      predict = function(self, X)
        local out = {}
        for i, v in ipairs(X:col(1):totable()) do
          out[i] = v > self.threshold and 1 or 0
        end
        return ml.Matrix(out)
      end,
    }
    local numeric = ml.cross_val_score(plain, X, ml.Matrix(numbers),
      {cv = 3, scoring = "f1"})
    expect(numeric:totable()):to_equal({1, 1, 1})
    local results = ml.cross_validate(plain, X, numbers, {cv = 2})
    expect(results.test_score:totable()):to_equal({1, 1})
    expect(results.fit_time:shape()):to_be(2)
  end)

  it("takes a scoring function, even for nightjar's estimators", function()
    local calls = 0
    local scores = ml.cross_val_score(ml.LogisticRegression(), X, labels, {
      cv = 3,
      scoring = function(model, Xte, yte)
        calls = calls + 1
        return ml.accuracy_score(yte, model:predict(Xte))
      end})
    expect(calls):to_be(3)
    expect(scores:totable()):to_equal(ml.cross_val_score(
      ml.LogisticRegression(), X, labels, {cv = ml.StratifiedKFold{
        n_splits = 3}}):totable())
  end)

  it("scores NaN where a fit fails, and goes on", function()
    local broken = ml.estimator{
      name = "Broken", params = {fail_on = 2},
      fit = function(self, X, y)
        if (X:shape()) % 2 == 0 and self.fail_on == 2 then
          error("cannot fit")
        end
      end,
      predict = function(self, X) return {} end,
    }
    local scores = ml.cross_val_score(broken, X, labels, {cv = 4})
    for _, s in ipairs(scores:totable()) do expect(s ~= s):to_be(true) end
  end)

  it("names what is wrong", function()
    checkerror("bad argument #1 to 'cross_val_score' (estimator expected, "
      .. "got table)", function() return ml.cross_val_score({}, X, labels) end)
    checkerror("bad argument #1 to 'cross_val_score' (estimator expected, "
      .. "got table with fit but no predict)", function()
        return ml.cross_val_score({fit = print}, X, labels)
      end)
    checkerror("bad argument #2 to 'cross_val_score' (Matrix expected, got "
      .. "table)", function()
        return ml.cross_val_score(Majority, rows, labels)
      end)
    checkerror("cross_val_score: X has 24 rows but y has 10", function()
      return ml.cross_val_score(Majority, X, words)
    end)
    checkerror("bad argument #4 to 'cross_val_score' (invalid option 'best' "
      .. "for 'scoring')", function()
        return ml.cross_val_score(Majority, X, labels, {scoring = "best"})
      end)
    checkerror("bad argument #4 to 'cross_val_score' (unknown option 'k')",
      function() return ml.cross_val_score(Majority, X, labels, {k = 1}) end)
    checkerror("bad argument #4 to 'cross_val_score' (cv must be a number, "
      .. "ml.KFold or ml.StratifiedKFold)", function()
        return ml.cross_val_score(Majority, X, labels, {cv = "five"})
      end)
  end)
end)

describe("GridSearchCV with Lua estimators", function()
  it("orders candidates as ParameterGrid and keeps the first best", function()
    local grid = {threshold = {0.9, 0.5, 0.52}, column = {2, 1}}
    local search = ml.GridSearchCV(Threshold, grid, {cv = 3})
    expect(search:fit(X, labels)):to_be(search)
    local params = search.cv_results_.params
    expect(#params):to_be(6)
    -- names sorted (column, threshold), the last varying fastest
    expect(params[1]):to_equal({column = 2, threshold = 0.9})
    expect(params[2]):to_equal({column = 2, threshold = 0.5})
    expect(params[4]):to_equal({column = 1, threshold = 0.9})
    -- thresholds 0.5 and 0.52 on column 1 both score 1: the first wins
    expect(search.best_params_):to_equal({column = 1, threshold = 0.5})
    expect(search.best_index_):to_be(5)
    expect(search.best_score_):to_be(1)
    expect(search.cv_results_.rank_test_score:get(5)):to_be(1)
    expect(search.cv_results_.rank_test_score:get(6)):to_be(1)
    expect(search.cv_results_.mean_test_score:get(5)):to_be(1)
    expect(search.cv_results_.split1_test_score:shape()):to_be(6)
    expect(search.cv_results_.std_test_score:get(5)):to_be(0)
    expect(search.best_estimator_.threshold):to_be(0.5)
    expect(search.best_estimator_.fitted_):to_be(true)
    expect(search:predict(X)):to_equal(labels)
    expect(search:score(X, labels)):to_be(1)
    expect(tostring(search)):to_be("GridSearchCV(Threshold, 6 candidates) "
      .. "best: {column = 1, threshold = 0.5} score 1.0")
  end)

  it("uses the Swift search's candidate order", function()
    local grid = {C = {0.1, 1, 10}, penalty = {"l1", "l2"}}
    local swift = ml.GridSearchCV(ml.LogisticRegression(), grid, {cv = 2})
      :fit(X, labels)
    local lua = ml.GridSearchCV(ml.estimator{
      name = "Like", params = {C = 1, penalty = "l2"},
      fit = function() end,
      predict = function(self, X) return Threshold:predict(X) end,
    }, grid, {cv = 2}):fit(X, labels)
    expect(lua.cv_results_.params):to_equal(swift.cv_results_.params)
  end)

  it("searches a list of grids with a scorer name, without refit",
    function()
      local search = ml.GridSearchCV(Threshold,
        {{threshold = {0.2}}, {threshold = 0.5, column = {1}}},
        {cv = 2, scoring = "f1_macro", refit = false}):fit(X, labels)
      expect(#search.cv_results_.params):to_be(2)
      expect(search.best_estimator_):to_be(nil)
      checkerror("refit is false: there is no best_estimator_",
        function() return search:predict(X) end)
    end)

  it("names what is wrong", function()
    checkerror("bad argument #2 to 'GridSearchCV' (Threshold has no "
      .. "parameter 'gamma')", function()
        return ml.GridSearchCV(Threshold, {gamma = {1}})
      end)
    checkerror("GridSearchCV: parameter 'threshold' has no values",
      function() return ml.GridSearchCV(Threshold, {threshold = {}}) end)
    checkerror("bad argument #3 to 'GridSearchCV' (unknown option 'n_iter')",
      function()
        return ml.GridSearchCV(Threshold, {threshold = {1}}, {n_iter = 2})
      end)
    checkerror("this GridSearchCV is not fitted yet; call fit first",
      function()
        return ml.GridSearchCV(Threshold, {threshold = {1}}):predict(X)
      end)
    checkerror("bad argument #1 to 'GridSearchCV' (estimator expected, got "
      .. "table)", function() return ml.GridSearchCV({}, {C = {1}}) end)
  end)
end)

describe("RandomizedSearchCV with Lua estimators", function()
  it("tries the candidates ParameterSampler draws", function()
    local space = {threshold = ml.uniform(0.3, 0.7), column = {1, 2}}
    local search = ml.RandomizedSearchCV(Threshold, space,
      {n_iter = 5, seed = 3, cv = 2}):fit(X, labels)
    expect(search.cv_results_.params)
      :to_equal(ml.ParameterSampler(space, {n_iter = 5, seed = 3}))
    checkerror("bad argument #2 to 'RandomizedSearchCV' (n_iter must be at "
      .. "least 1, got 0)", function()
        return ml.RandomizedSearchCV(Threshold, space, {n_iter = 0})
      end)
  end)
end)

describe("Pipeline with a Lua estimator last", function()
  local function pipeline()
    return ml.Pipeline{{"scale", ml.StandardScaler()}, {"clf", Threshold}}
  end

  it("fits the scaler, then the Lua step", function()
    local p = pipeline()
    expect(tostring(p)):to_be("Pipeline{scale = StandardScaler, clf = "
      .. "Threshold}")
    expect(p:fit(X, labels)):to_be(p)
    local scaled = ml.StandardScaler():fit_transform(X)
    expect(p:step("scale").mean_:totable())
      :to_equal(ml.StandardScaler():fit(X).mean_:totable())
    expect(p:predict(X)):to_equal(Threshold:predict(scaled))
    expect(p:get_params().clf__threshold):to_be(0.5)
    expect(p:get_params().scale__with_mean):to_be(true)
  end)

  it("cross-validates and searches through the pipeline", function()
    local scores = ml.cross_val_score(pipeline(), X, labels, {cv = 3})
    expect(scores:shape()):to_be(3)
    local search = ml.GridSearchCV(pipeline(),
      {clf__threshold = {-1, 0, 1}, scale__with_std = {true, false}},
      {cv = 3}):fit(X, labels)
    expect(#search.cv_results_.params):to_be(6)
    expect(search.best_params_.clf__threshold):to_be(0)
    expect(search.best_estimator_:step("clf").threshold):to_be(0)
    expect(search:score(X, labels))
      :to_be(search.best_estimator_:score(X, labels))
  end)

  it("names what is wrong", function()
    checkerror("bad argument #1 to 'Pipeline' (step 'clf' is a Threshold, "
      .. "which cannot transform; only the last step may be a model)",
      function()
        return ml.Pipeline{{"clf", Threshold}, {"lr", ml.Ridge()}}
      end)
    checkerror("bad argument #1 to 'Pipeline' (two steps are named 'a')",
      function()
        return ml.Pipeline{{"a", ml.StandardScaler()}, {"a", Threshold}}
      end)
    checkerror("predict: this Pipeline is not fitted yet; call fit first",
      function() return pipeline():predict(X) end)
    checkerror("bad argument #1 to 'set_params' (unknown option "
      .. "'clf__cutoff')",
      function() return pipeline():set_params{clf__cutoff = 1} end)
    checkerror("bad argument #1 to 'Pipeline' (step 1 must be {name, "
      .. "estimator})", function() return ml.Pipeline{{1, 2}} end)
  end)
end)
