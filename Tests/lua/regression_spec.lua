-- ml.LinearRegression, ml.Ridge, ml.Lasso, ml.ElasticNet and the
-- regression metrics from Lua: the API, agreement with scikit-learn on a
-- small data set (fixtures/regression.lua) and every error message.

local M = ml.Matrix
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local F = dofile(here .. "/fixtures/regression.lua")
local X, y, w = M(F.X), M(F.y), M(F.weights)

-- Runs f with io.stdout replaced; returns what f wrote.
local function captured(f, ...)
  local saved, out = io.stdout, {}
  io.stdout = {write = function(_, ...)
    for i = 1, select("#", ...) do out[#out + 1] = select(i, ...) end
  end}
  local ok, message = pcall(f, ...)
  io.stdout = saved
  assert(ok, message)
  return table.concat(out)
end

-- Each element of the vector v near the matching number of t: within
-- 1e-8 of its magnitude, or 1e-10 near zero.
local function expect_near(v, t)
  local got = type(v) == "table" and v or v:totable()
  expect(#got):to_be(#t)
  for i = 1, #t do
    expect(got[i]):to_be_near(t[i], math.max(1e-10, 1e-8 * math.abs(t[i])))
  end
end

describe("construction and options", function()
  it("takes no options or an options table", function()
    expect(tostring(ml.LinearRegression())):to_be("LinearRegression{}")
    expect(tostring(ml.LinearRegression{fit_intercept = false}))
      :to_be("LinearRegression{fit_intercept = false}")
    expect(tostring(ml.Ridge{alpha = 1})):to_be("Ridge{}")
    expect(tostring(ml.Lasso{alpha = 0.1})):to_be("Lasso{alpha = 0.1}")
    expect(tostring(ml.ElasticNet{alpha = 0.1, l1_ratio = 0.5}))
      :to_be("ElasticNet{alpha = 0.1}")
  end)

  it("reports scikit-learn's defaults by get_params", function()
    expect(ml.LinearRegression():get_params())
      :to_equal({fit_intercept = true, tol = 1e-6})
    expect(ml.Ridge():get_params())
      :to_equal({alpha = 1, fit_intercept = true, solver = "auto"})
    local lasso = {alpha = 1, fit_intercept = true, max_iter = 1000,
                   tol = 1e-4, warm_start = false, positive = false,
                   selection = "cyclic", precompute = "auto"}
    expect(ml.Lasso():get_params()):to_equal(lasso)
    lasso.l1_ratio = 0.5
    expect(ml.ElasticNet():get_params()):to_equal(lasso)
    expect(math.type(ml.Lasso():get_params().max_iter)):to_be("integer")
  end)

  it("sets options by set_params, which returns the model", function()
    local m = ml.ElasticNet()
    expect(m:set_params{alpha = 0.25, seed = 3, selection = "random"})
      :to_be(m)
    local p = m:get_params()
    expect(p.alpha):to_be(0.25)
    expect(p.seed):to_be(3)
    expect(p.selection):to_be("random")
  end)

  it("leaves the model unchanged when an option is bad", function()
    local m = ml.Ridge{alpha = 2}
    checkerror("bad argument #1 to 'set_params' ('alpha' must be a "
      .. "non-negative number, got -1)",
      function() return m:set_params{alpha = -1, fit_intercept = false} end)
    expect(m:get_params())
      :to_equal({alpha = 2, fit_intercept = true, solver = "auto"})
  end)
end)

describe("LinearRegression", function()
  it("agrees with scikit-learn", function()
    local m = ml.LinearRegression()
    expect(m:fit(X, y)):to_be(m)
    expect(m.coef_.cols):to_be(3)
    expect(select("#", m.coef_:shape())):to_be(1)
    expect_near(m.coef_, F.linear.coef)
    expect(m.intercept_):to_be_near(F.linear.intercept, 1e-10)
    expect(m.rank_):to_be(F.linear.rank)
    expect_near(m.singular_, F.linear.singular)
    expect(m.n_features_in_):to_be(3)
    expect(m:score(X, y)):to_be_near(F.linear.score, 1e-12)
    local p = m:predict(X)
    expect(p:shape()):to_be(12)
    expect_near(p, F.linear.predictions)
  end)

  it("takes tables for X, y and sample_weight", function()
    local m = ml.LinearRegression{fit_intercept = false}
    m:fit(F.X, F.y, F.weights)
    expect_near(m.coef_, F.linear_weighted.coef)
    expect(m.intercept_):to_be(0)
    m:fit(X, y, w)
    expect_near(m.coef_, F.linear_weighted.coef)
    expect_near(m:predict(F.X), m:predict(X):totable())
  end)

  it("treats a vector X as one row in predict", function()
    local m = ml.LinearRegression():fit(X, y)
    expect(m:predict(M{1, 2, 3}):get(1))
      :to_be_near(m:predict(M{{1, 2, 3}}):get(1), 1e-12)
  end)
end)

describe("Ridge", function()
  it("agrees with scikit-learn", function()
    local m = ml.Ridge{alpha = 0.5}:fit(X, y)
    expect_near(m.coef_, F.ridge.coef)
    expect(m.intercept_):to_be_near(F.ridge.intercept, 1e-10)
    expect(m.n_iter_):to_be(nil)
    local svd = ml.Ridge{alpha = 0.5, solver = "svd"}:fit(X, y)
    expect_near(svd.coef_, F.ridge.coef)
  end)
end)

describe("Lasso and ElasticNet", function()
  it("agree with scikit-learn, iterations included", function()
    local m = ml.Lasso{alpha = 0.1}:fit(X, y)
    expect_near(m.coef_, F.lasso.coef)
    expect(m.intercept_):to_be_near(F.lasso.intercept, 1e-10)
    expect(m.n_iter_):to_be(F.lasso.n_iter)
    expect(m.dual_gap_):to_be_near(F.lasso.dual_gap, 1e-12)
    for _, precompute in ipairs({true, false}) do
      local e = ml.ElasticNet{alpha = 0.1, l1_ratio = 0.5, tol = 1e-10,
                              precompute = precompute}
      e:fit(X, y, w)
      expect_near(e.coef_, F.elastic_net.coef)
      expect(e.intercept_):to_be_near(F.elastic_net.intercept, 1e-10)
      expect(e.n_iter_):to_be(F.elastic_net.n_iter)
    end
  end)

  it("sets the same coefficients to zero", function()
    local m = ml.Lasso{alpha = 1.5, tol = 1e-10}:fit(X, y)
    local coef = m.coef_:totable()
    for i, value in ipairs(F.lasso_sparse.coef) do
      expect(coef[i] == 0):to_be(value == 0)
    end
    expect_near(coef, F.lasso_sparse.coef)
  end)

  it("keeps going from the last fit with warm_start", function()
    local m = ml.Lasso{alpha = 0.1, tol = 1e-10, warm_start = true}
    m:fit(X, y)
    m:fit(X, y)
    expect(m.n_iter_):to_be(0)
  end)

  it("keeps the result of a fit that did not converge", function()
    local m = ml.Lasso{alpha = 0.01, max_iter = 1, tol = 1e-14}:fit(X, y)
    expect(m.n_iter_):to_be(1)
    expect(m.coef_.cols):to_be(3)
  end)
end)

describe("metrics", function()
  it("agree with scikit-learn on matrices and tables", function()
    local p = M(F.linear.predictions)
    expect(ml.r2_score(y, p)):to_be_near(F.linear.r2, 1e-12)
    expect(ml.mean_squared_error(y, p)):to_be_near(F.linear.mse, 1e-12)
    expect(ml.mean_absolute_error(F.y, F.linear.predictions))
      :to_be_near(F.linear.mae, 1e-12)
    expect(ml.r2_score({1, 2, 3}, {1, 2, 3})):to_be(1)
    expect(ml.mean_squared_error({1, 2}, {1, 4})):to_be(2)
  end)
end)

describe("errors", function()
  it("name unknown options and bad values of the constructor", function()
    checkerror("bad argument #1 to 'Ridge' (unknown option 'alpah')",
      function() return ml.Ridge{alpah = 1} end)
    checkerror("bad argument #1 to 'Ridge' ('alpha' must be a non-negative "
      .. "number, got -1)", function() return ml.Ridge{alpha = -1} end)
    checkerror("bad argument #1 to 'Ridge' (invalid option 'lsqr' for "
      .. "'solver')", function() return ml.Ridge{solver = "lsqr"} end)
    checkerror("bad argument #1 to 'Ridge' (table expected, got number)",
      function() return ml.Ridge(1) end)
    checkerror("bad argument #1 to 'LinearRegression' ('fit_intercept' "
      .. "must be a boolean, got 1)",
      function() return ml.LinearRegression{fit_intercept = 1} end)
    checkerror("bad argument #1 to 'Lasso' (unknown option 'l1_ratio')",
      function() return ml.Lasso{l1_ratio = 0.5} end)
    checkerror("bad argument #1 to 'Lasso' (option 'alpha' must be a "
      .. "number, boolean or string, got table)",
      function() return ml.Lasso{alpha = {}} end)
    checkerror("bad argument #1 to 'Lasso' (option names must be strings, "
      .. "got a number key)", function() return ml.Lasso{0.1} end)
    checkerror("bad argument #1 to 'Lasso' (invalid option 'rand' for "
      .. "'selection')", function() return ml.Lasso{selection = "rand"} end)
    checkerror("bad argument #1 to 'Lasso' ('max_iter' must be at least 1, "
      .. "got 0)", function() return ml.Lasso{max_iter = 0} end)
    checkerror("bad argument #1 to 'ElasticNet' ('l1_ratio' must be "
      .. "between 0 and 1, got 2)",
      function() return ml.ElasticNet{l1_ratio = 2} end)
    checkerror("bad argument #1 to 'set_params' (unknown option 'foo')",
      function() return ml.Ridge():set_params{foo = 1} end)
    checkerror("bad argument #1 to 'set_params' (table expected, got no "
      .. "value)",
      function() return ml.Ridge():set_params() end)
  end)

  it("name the bad argument of fit, predict and score", function()
    local m = ml.Ridge()
    checkerror("bad argument #1 to 'fit' (Matrix expected, got string)",
      function() return m:fit("X", y) end)
    checkerror("bad argument #2 to 'fit' (Matrix or table expected, got "
      .. "no value)", function() return m:fit(X) end)
    checkerror("bad argument #3 to 'fit' (Matrix or table expected, got "
      .. "string)", function() return m:fit(X, y, "w") end)
    checkerror("bad argument #1 to 'predict' (Matrix expected, got nil)",
      function() return m:predict(nil) end)
    checkerror("bad argument #2 to 'score' (Matrix or table expected, got "
      .. "boolean)", function() return m:score(X, true) end)
    checkerror("bad argument #1 to 'fit' (Ridge expected, got Lasso)",
      function() return m.fit(ml.Lasso(), X, y) end)
    local other = {fit = m.fit}
    checkerror("calling 'fit' on bad self (Ridge expected, got table)",
      function() return other:fit(X, y) end)
    local freed = M{{1, 2}}
    freed:free()
    checkerror("attempt to use a released Matrix",
      function() return m:fit(freed, {1}) end)
  end)

  it("report Core's checks of the data", function()
    local m = ml.Lasso()
    checkerror("fit: X has 12 rows but y has 11",
      function() return m:fit(X, M{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}) end)
    local bad = X:copy()
    bad:set(3, 2, 0 / 0)
    checkerror("fit: input contains NaN (column 2, row 3)",
      function() return m:fit(bad, y) end)
    bad = X:copy()
    bad:set(5, 1, math.huge)
    checkerror("fit: input contains infinity (column 1, row 5)",
      function() return m:fit(bad, y) end)
    local labels = {}
    for i = 1, 12 do labels[i] = F.y[i] end
    labels[4] = 0 / 0
    checkerror("fit: y contains NaN (row 4)",
      function() return m:fit(X, labels) end)
    labels[4] = "4"
    checkerror("fit: element [4] is a string, expected a number",
      function() return m:fit(X, labels) end)
    local weights = {}
    for i = 1, 12 do weights[i] = 1 end
    weights[1] = -1
    checkerror("fit: sample_weight must be finite and not negative (row 1 "
      .. "is -1)", function() return m:fit(X, y, weights) end)
    checkerror("fit: sample_weight sums to 0",
      function() return m:fit(X, y, M.zeros(12)) end)
    checkerror("fit: X has 12 rows but sample_weight has 2",
      function() return m:fit(X, y, {1, 2}) end)
    checkerror("fit: X is empty (0x3)",
      function() return m:fit(M.zeros(0, 3), {}) end)
  end)

  it("refuse to predict before fit or with other columns", function()
    checkerror("predict: this Lasso is not fitted yet; call fit first",
      function() return ml.Lasso():predict(X) end)
    checkerror("predict: this Ridge is not fitted yet; call fit first",
      function() return ml.Ridge():score(X, y) end)
    checkerror("coef_: this Ridge is not fitted yet; call fit first",
      function() return ml.Ridge().coef_ end)
    checkerror("intercept_: this ElasticNet is not fitted yet; call fit "
      .. "first", function() return ml.ElasticNet().intercept_ end)
    checkerror("n_iter_: this Lasso is not fitted yet; call fit first",
      function() return ml.Lasso().n_iter_ end)
    checkerror("rank_: this LinearRegression is not fitted yet; call fit "
      .. "first", function() return ml.LinearRegression().rank_ end)
    local m = ml.Ridge():fit(X, y)
    checkerror("predict: X has 2 columns but the model was fitted with 3",
      function() return m:predict(M{{1, 2}}) end)
  end)

  it("of the metrics name both sides", function()
    checkerror("r2_score: y_true has shape (3) but y_pred has shape (2)",
      function() return ml.r2_score({1, 2, 3}, {1, 2}) end)
    checkerror("mean_squared_error: y_true is empty",
      function() return ml.mean_squared_error({}, {}) end)
    checkerror("bad argument #1 to 'r2_score' (Matrix or table expected, "
      .. "got number)", function() return ml.r2_score(1, {1}) end)
    checkerror("mean_absolute_error: element [2] is a boolean, expected a "
      .. "number", function() return ml.mean_absolute_error({1, 2},
        {1, true}) end)
  end)
end)

describe("help", function()
  it("documents each class, its options, fields and methods", function()
    for _, name in ipairs({"LinearRegression", "Ridge", "Lasso",
        "ElasticNet"}) do
      local text = captured(help, ml[name])
      expect(text:match("^ml%." .. name .. "%(%[options%]%) %-> " .. name))
        :to_be_truthy()
      expect(text:find("Options (defaults):", 1, true) ~= nil):to_be(true)
      expect(text:find("coef_", 1, true) ~= nil):to_be(true)
      expect(text:find("Example", 1, true) ~= nil):to_be(true)
      local m = ml[name]()
      for _, method in ipairs({"fit", "predict", "score", "get_params",
          "set_params"}) do
        local doc = captured(help, m[method])
        expect(doc:match("^model:" .. method)):to_be_truthy()
        expect(doc:find("Example", 1, true) ~= nil):to_be(true)
      end
    end
    expect(captured(help, ml.Lasso):find("max_iter = 1000", 1, true) ~= nil)
      :to_be(true)
    expect(captured(help, ml.ElasticNet):find("l1_ratio = 0.5", 1, true)
      ~= nil):to_be(true)
    for _, name in ipairs({"r2_score", "mean_squared_error",
        "mean_absolute_error"}) do
      local text = captured(help, ml[name])
      expect(text:match("^ml%." .. name .. "%(y_true, y_pred%)"))
        :to_be_truthy()
    end
    expect(captured(help, ml):find("Regression", 1, true) ~= nil)
      :to_be(true)
  end)
end)

describe("model files", function()
  local base = os.tmpname()
  os.remove(base)

  it("round-trip every regressor with exact predictions", function()
    local models = {
      ml.LinearRegression{fit_intercept = false},
      ml.Ridge{alpha = 0.5},
      ml.Lasso{alpha = 0.05, selection = "random", seed = 4},
      ml.ElasticNet{alpha = 0.1, l1_ratio = 0.25},
    }
    for i, m in ipairs(models) do
      m:fit(X, y, w)
      local path = base .. "-" .. i .. ".json"
      expect(m:save(path)):to_be(m)
      local back = ml.load(path)
      os.remove(path)
      expect(tostring(back)):to_be(tostring(m))
      expect(back:get_params()):to_equal(m:get_params())
      expect(back:predict(X):totable()):to_equal(m:predict(X):totable())
      expect(back.coef_:totable()):to_equal(m.coef_:totable())
      expect(back.intercept_):to_be(m.intercept_)
    end
    local lasso = ml.load((function()
      local path = base .. "-lasso.json"
      models[3]:save(path)
      return path
    end)())
    os.remove(base .. "-lasso.json")
    expect(lasso.n_iter_):to_be(models[3].n_iter_)
    expect(lasso.dual_gap_):to_be(models[3].dual_gap_)
  end)

  it("saves an unfitted model and names a corrupt one", function()
    local path = base .. "-plain.json"
    ml.Ridge{alpha = 3}:save(path)
    local back = ml.load(path)
    expect(back.alpha):to_be(nil)
    expect(back:get_params().alpha):to_be(3)
    checkerror("coef_: this Ridge is not fitted yet; call fit first",
      function() return back.coef_ end)
    local f = io.open(path, "w")
    f:write('{"format": "nightjar-model", "version": 1, "kind": "Lasso", '
      .. '"fitted": {"coef": {"rows": 1, "columns": 1, "vector": true, '
      .. '"data": [1]}, "intercept": 0}}')
    f:close()
    checkerror("load: " .. path .. ": Lasso: 'n_iter' must be a whole "
      .. "number >= 0", ml.load, path)
    os.remove(path)
  end)
end)
