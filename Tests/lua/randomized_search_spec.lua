-- ml.RandomizedSearchCV, ml.ParameterSampler and the distributions.

local X = ml.Matrix.randn(60, 3, {seed = 2})
local y = X:col(1) * 2 - X:col(3) + ml.Matrix.randn(60, {seed = 3}) * 0.3

describe("distributions", function()
  it("print and sample with a seed", function()
    local d = ml.loguniform(1e-3, 1e3)
    expect(tostring(d)):to_be("loguniform(0.001, 1000)")
    expect(d:sample(4, 7)):to_equal(d:sample(4, 7))
    for _, value in ipairs(d:sample(20)) do
      expect(value >= 1e-3 and value < 1e3):to_be(true)
    end
    for _, value in ipairs(ml.randint(1, 4):sample(20)) do
      expect(math.type(value)):to_be("integer")
      expect(value >= 1 and value <= 3):to_be(true)
    end
    expect(tostring(ml.choice{"l1", "l2"})):to_be('choice{"l1", "l2"}')
    expect(tostring(ml.uniform(0, 0.5))):to_be("uniform(0, 0.5)")
  end)

  it("name what is wrong", function()
    checkerror("uniform: low must be less than high, both finite, got 1 "
      .. "and 0", function() return ml.uniform(1, 0) end)
    checkerror("loguniform: low must be positive, got 0",
      function() return ml.loguniform(0, 1) end)
    checkerror("choice: no values to choose from",
      function() return ml.choice{} end)
    checkerror("bad argument #2 to 'randint' (number expected, got no "
      .. "value)", function() return ml.randint(1) end)
  end)
end)

describe("ml.ParameterSampler", function()
  it("draws the same candidates for the same seed", function()
    local space = {alpha = ml.loguniform(1e-2, 1e2), solver = {"svd",
      "cholesky"}}
    local a = ml.ParameterSampler(space, {n_iter = 5, seed = 11})
    expect(#a):to_be(5)
    expect(ml.ParameterSampler(space, {n_iter = 5, seed = 11})):to_equal(a)
    expect(ml.ParameterSampler(space, {n_iter = 5, seed = 12}) ~= a)
      :to_be(true)
    local grid = ml.ParameterSampler({C = {1, 2, 3}}, {n_iter = 2})
    expect(#grid):to_be(2)
    expect(grid[1].C ~= grid[2].C):to_be(true)
  end)
end)

describe("ml.RandomizedSearchCV", function()
  it("searches, refits and reports as GridSearchCV does", function()
    local search = ml.RandomizedSearchCV(ml.Ridge(),
      {alpha = ml.loguniform(1e-3, 1e3)}, {n_iter = 6, seed = 5, cv = 3})
    expect(tostring(search)):to_be("RandomizedSearchCV(Ridge, 6 "
      .. "candidates)")
    expect(search:fit(X, y)):to_be(search)
    local results = search.cv_results_
    expect(#results.params):to_be(6)
    expect(results.params):to_equal(
      ml.ParameterSampler({alpha = ml.loguniform(1e-3, 1e3)},
        {n_iter = 6, seed = 5}))
    local best = search.best_index_
    expect(results.rank_test_score:get(best)):to_be(1)
    expect(search.best_score_):to_be(results.mean_test_score:get(best))
    expect(search.best_params_.alpha):to_be(results.params[best].alpha)
    expect(search.best_estimator_:get_params().alpha)
      :to_be(search.best_params_.alpha)
    expect(search:score(X, y)):to_be(search.best_estimator_:score(X, y))
    -- the same candidates through GridSearchCV score the same
    local alphas = {}
    for i, p in ipairs(results.params) do alphas[i] = p.alpha end
    local grid = ml.GridSearchCV(ml.Ridge(), {alpha = alphas}, {cv = 3})
      :fit(X, y)
    expect(grid.cv_results_.mean_test_score:totable())
      :to_equal(results.mean_test_score:totable())
  end)

  it("takes a scoring name and a list of spaces", function()
    local search = ml.RandomizedSearchCV(ml.ElasticNet(),
      {{alpha = ml.uniform(0.01, 1), l1_ratio = ml.uniform(0, 1)},
       {alpha = {0.1}, l1_ratio = 1}},
      {n_iter = 4, scoring = "neg_mean_squared_error", cv = 2}):fit(X, y)
    expect(#search.cv_results_.params):to_be(4)
    expect(search.best_score_ < 0):to_be(true)
  end)

  it("names what is wrong", function()
    checkerror("bad argument #2 to 'RandomizedSearchCV' (Ridge has no "
      .. "parameter 'C')", function()
        return ml.RandomizedSearchCV(ml.Ridge(), {C = ml.uniform(0, 1)})
      end)
    checkerror("bad argument #2 to 'RandomizedSearchCV' ('alpha' must be a "
      .. "distribution, a list or a value, got function)", function()
        return ml.RandomizedSearchCV(ml.Ridge(), {alpha = print})
      end)
    checkerror("bad argument #2 to 'RandomizedSearchCV' (n_iter must be at "
      .. "least 1, got 0)", function()
        return ml.RandomizedSearchCV(ml.Ridge(), {alpha = {1}},
          {n_iter = 0})
      end)
    checkerror("bad argument #3 to 'RandomizedSearchCV' (n_iter must be a "
      .. "whole number)", function()
        return ml.RandomizedSearchCV(ml.Ridge(), {alpha = {1}},
          {n_iter = 1.5})
      end)
    checkerror("this RandomizedSearchCV is not fitted yet; call fit first",
      function()
        return ml.RandomizedSearchCV(ml.Ridge(), {alpha = {1}}, {n_iter = 1})
          :predict(X)
      end)
  end)
end)
