-- Scalers, the imputer, encoders and samplers from Lua, alone and in
-- pipelines and searches.

local nan = 0 / 0
local X = ml.Matrix{{1, 10, 3}, {2, nan, 3}, {4, 30, 3}, {3, 20, 3}}

-- Fails unless the numbers of `values` are within `tolerance` of
-- `expected`'s.
local function near(values, expected, tolerance)
  expect(#values):to_be(#expected)
  for i = 1, #expected do
    expect(values[i]):to_be_near(expected[i], tolerance or 1e-15)
  end
end

-- Whether two matrices hold the same bits, NaN where NaN.
local function same(a, b)
  local rows, columns = a:shape()
  local rows_b, columns_b = b:shape()
  if rows ~= rows_b or columns ~= columns_b then return false end
  for i = 1, rows do
    for j = 1, columns or 1 do
      local x, y = a:get(i, j), b:get(i, j)
      if x ~= y and (x == x or y == y) then return false end
    end
  end
  return true
end

local function column(matrix, j)
  local rows = matrix:shape()
  local values = {}
  for i = 1, rows do values[i] = matrix:get(i, j) end
  return values
end

describe("ml.MinMaxScaler", function()
  it("scales onto the range and back", function()
    local s = ml.MinMaxScaler{feature_range = {-1, 1}}
    local Xs = s:fit_transform(X)
    near(column(Xs, 1), {-1, -1 / 3, 1, 1 / 3})
    expect(Xs:get(2, 2) ~= Xs:get(2, 2)):to_be(true)  -- NaN kept
    expect(column(Xs, 3)):to_equal({-1, -1, -1, -1})  -- constant
    expect(s.data_min_:get(1)):to_be(1)
    expect(s.data_max_:get(2)):to_be(30)
    expect(s.data_range_:get(3)):to_be(0)
    expect(s.n_samples_seen_):to_be(4)
    expect(s.n_features_in_):to_be(3)
    local back = s:inverse_transform(Xs)
    expect(column(back, 1)):to_equal({1, 2, 4, 3})
  end)

  it("reads and sets its parameters", function()
    local s = ml.MinMaxScaler()
    expect(s.feature_range):to_equal({0, 1})
    expect(s:get_params()):to_equal({feature_range = {0, 1}, clip = false})
    expect(s:set_params{clip = true, feature_range = {0, 10}}):to_be(s)
    expect(s.clip):to_be(true)
    expect(s.feature_range):to_equal({0, 10})
    expect(tostring(s)):to_be("MinMaxScaler{feature_range = {0, 10}}")
    expect(s.scale_):to_be(nil)
    s:fit(X)
    expect(tostring(s)):to_be(
      "MinMaxScaler{feature_range = {0, 10}} fitted: 3 columns")
    expect(s:transform(ml.Matrix{{100, -5, 3}}):get(1, 1)):to_be(10)
  end)

  it("names what is wrong", function()
    checkerror("bad argument #1 to 'MinMaxScaler' (the minimum of "
                 .. "'feature_range' must be smaller than its maximum, got "
                 .. "(1, 0))",
               function() return ml.MinMaxScaler{feature_range = {1, 0}} end)
    checkerror("bad argument #1 to 'MinMaxScaler' ('feature_range' must be "
                 .. "a table {low, high} of two numbers)",
               function() return ml.MinMaxScaler{feature_range = {1}} end)
    checkerror("bad argument #1 to 'MinMaxScaler' (unknown option 'range')",
               function() return ml.MinMaxScaler{range = {0, 1}} end)
    checkerror("transform: this MinMaxScaler is not fitted yet; call fit "
                 .. "first",
               function() return ml.MinMaxScaler():transform(X) end)
    checkerror("transform: X has 2 columns but the scaler was fitted with 3",
               function()
                 return ml.MinMaxScaler():fit(X):transform(ml.Matrix{{1, 2}})
               end)
    checkerror("fit: input contains infinity (column 2, row 1)",
               function()
                 return ml.MinMaxScaler():fit(ml.Matrix{{1, 1 / 0}})
               end)
    checkerror("bad argument #1 to 'fit' (Matrix expected, got table)",
               function() return ml.MinMaxScaler():fit({1, 2}) end)
  end)
end)

describe("ml.RobustScaler, ml.MaxAbsScaler, ml.Normalizer", function()
  it("centre on the median and divide by the quartile range", function()
    local s = ml.RobustScaler():fit(X)
    expect(s.center_:get(1)):to_be(2.5)
    expect(s.scale_:get(1)):to_be(1.5)
    expect(s.scale_:get(3)):to_be(1)  -- constant column
    expect(s.quantile_range):to_equal({25, 75})
    local u = ml.RobustScaler{unit_variance = true,
                              quantile_range = {10, 90}}:fit(X)
    expect(u.scale_:get(1)):to_be_near(2.4 / 2.5631031310892007, 1e-14)
    local plain = ml.RobustScaler{with_centering = false}:fit(X)
    expect(plain.center_):to_be(nil)
    checkerror("bad argument #1 to 'RobustScaler' ('quantile_range' must "
                 .. "satisfy 0 <= low <= high <= 100, got (80, 20))",
               function() return ml.RobustScaler{quantile_range = {80, 20}}
               end)
  end)

  it("divide by the largest magnitude", function()
    local s = ml.MaxAbsScaler()
    local Xs = s:fit_transform(ml.Matrix{{-4, 0}, {2, 0}})
    expect(column(Xs, 1)):to_equal({-1, 0.5})
    expect(column(Xs, 2)):to_equal({0, 0})
    expect(s.max_abs_:get(1)):to_be(4)
    expect(s:get_params()):to_equal({})
  end)

  it("normalise rows", function()
    local n = ml.Normalizer{norm = "l1"}
    local Xn = n:fit_transform(ml.Matrix{{1, 3}, {0, 0}})
    expect(column(Xn, 2)):to_equal({0.75, 0})
    expect(ml.Normalizer():fit_transform(ml.Matrix{{3, 4}}):get(1, 2))
      :to_be(0.8)
    checkerror("bad argument #1 to 'Normalizer' (invalid option 'l3' for "
                 .. "'norm')",
               function() return ml.Normalizer{norm = "l3"} end)
    checkerror("fit: input contains NaN (column 2, row 2)",
               function() return ml.Normalizer():fit(X) end)
  end)
end)

describe("ml.SimpleImputer", function()
  it("fills with the mean, median, most frequent or a constant", function()
    expect(column(ml.SimpleImputer():fit_transform(X), 2))
      :to_equal({10, 20, 30, 20})
    local Y = ml.Matrix{{1, nan}, {1, 5}, {7, 5}, {nan, 9}}
    local median = ml.SimpleImputer{strategy = "median"}:fit(Y)
    expect(median.statistics_:get(1)):to_be(1)
    expect(median.statistics_:get(2)):to_be(5)
    local frequent = ml.SimpleImputer{strategy = "most_frequent"}
    expect(column(frequent:fit_transform(Y), 1)):to_equal({1, 1, 7, 1})
    local constant = ml.SimpleImputer{strategy = "constant", fill_value = -1}
    expect(column(constant:fit_transform(Y), 2)):to_equal({-1, 5, 5, 9})
    local marked = ml.SimpleImputer{missing_values = -1}
    expect(column(marked:fit_transform(ml.Matrix{{-1}, {2}, {4}}), 1))
      :to_equal({3, 2, 4})
  end)

  it("drops or keeps an all-missing column, and indicates", function()
    local Y = ml.Matrix{{1, nan}, {3, nan}}
    local dropped = ml.SimpleImputer():fit_transform(Y)
    expect({dropped:shape()}):to_equal({2, 1})
    local kept = ml.SimpleImputer{keep_empty_features = true}
      :fit_transform(Y)
    expect(column(kept, 2)):to_equal({0, 0})
    local imp = ml.SimpleImputer{add_indicator = true}
    local out = imp:fit_transform(X)
    expect({out:shape()}):to_equal({4, 4})
    expect(column(out, 4)):to_equal({0, 1, 0, 0})
    expect(imp.indicator_features_):to_equal({2})
    local back = imp:inverse_transform(out)
    expect(back:get(2, 2) ~= back:get(2, 2)):to_be(true)
    expect(back:get(3, 2)):to_be(30)
  end)

  it("names what is wrong", function()
    checkerror("bad argument #1 to 'SimpleImputer' (invalid option 'mode' "
                 .. "for 'strategy')",
               function() return ml.SimpleImputer{strategy = "mode"} end)
    checkerror("bad argument #1 to 'SimpleImputer' ('fill_value' must be a "
                 .. "number, got \"x\")",
               function() return ml.SimpleImputer{fill_value = "x"} end)
    checkerror("inverse_transform: SimpleImputer can undo transform only "
                 .. "with add_indicator = true",
               function()
                 local imp = ml.SimpleImputer():fit(X)
                 return imp:inverse_transform(imp:transform(X))
               end)
  end)
end)

describe("ml.OneHotEncoder and ml.OrdinalEncoder", function()
  local C = ml.Matrix{{1, 3}, {nan, 2}, {2, 3}, {1, nan}}

  it("one-hot encode with sorted categories, NaN last", function()
    local e = ml.OneHotEncoder()
    local out = e:fit_transform(C)
    expect({out:shape()}):to_equal({4, 6})
    expect(column(out, 3)):to_equal({0, 1, 0, 0})  -- x0 = nan
    expect(#e.categories_):to_be(2)
    expect(e.categories_[2][1]):to_be(2)
    expect(e.categories_[1][3] ~= e.categories_[1][3]):to_be(true)
    expect(e.drop_idx_):to_be(nil)
    expect(e.n_features_in_):to_be(2)
    expect(e:get_feature_names_out())
      :to_equal({"x0_1", "x0_2", "x0_nan", "x1_2", "x1_3", "x1_nan"})
    expect(e:get_feature_names_out{"size", "color"}[4]):to_be("color_2")
    expect(same(e:inverse_transform(out), C)):to_be(true)
    expect(tostring(e)):to_be("OneHotEncoder fitted: 2 columns -> 6")
  end)

  it("drops a category and ignores unknown ones", function()
    local e = ml.OneHotEncoder{drop = "first", handle_unknown = "ignore"}
    e:fit(C)
    expect(e.drop_idx_):to_equal({1, 1})
    local out = e:transform(ml.Matrix{{7, 3}})
    expect({out:shape()}):to_equal({1, 4})
    expect(out:sum()):to_be(1)
    local binary = ml.OneHotEncoder{drop = "if_binary"}
      :fit(ml.Matrix{{1, 5}, {2, 5}, {2, 6}, {3, 6}})
    expect(binary.drop_idx_):to_equal({false, 1})
    expect(binary:get_params()):to_equal({drop = "if_binary",
                                          handle_unknown = "error"})
  end)

  it("codes categories from 0, as scikit-learn", function()
    local o = ml.OrdinalEncoder()
    local codes = o:fit_transform(C)
    expect(column(codes, 1)[1]):to_be(0)
    expect(column(codes, 1)[3]):to_be(1)
    expect(codes:get(2, 1) ~= codes:get(2, 1)):to_be(true)
    expect(same(o:inverse_transform(codes), C)):to_be(true)
    local u = ml.OrdinalEncoder{handle_unknown = "use_encoded_value",
                                unknown_value = -1}:fit(C)
    expect(u:transform(ml.Matrix{{9, 3}}):get(1, 1)):to_be(-1)
    expect(u.unknown_value):to_be(-1)
  end)

  it("names what is wrong", function()
    checkerror("transform: found an unknown category 7 in column 1 (row 1)",
               function()
                 return ml.OneHotEncoder():fit(C):transform(ml.Matrix{{7, 3}})
               end)
    checkerror("bad argument #1 to 'OneHotEncoder' (invalid option 'last' "
                 .. "for 'drop')",
               function() return ml.OneHotEncoder{drop = "last"} end)
    checkerror("fit: 'unknown_value' may be set only when handle_unknown is "
                 .. "'use_encoded_value', got 5",
               function()
                 return ml.OrdinalEncoder{unknown_value = 5}:fit(C)
               end)
    checkerror("get_feature_names_out: 1 input names for 2 columns",
               function()
                 return ml.OneHotEncoder():fit(C):get_feature_names_out{"a"}
               end)
  end)
end)

describe("ml.LabelEncoder and ml.PolynomialFeatures", function()
  it("code labels and decode them, keeping strings", function()
    local le = ml.LabelEncoder()
    local codes = le:fit_transform({"b", "a", "c", "b"})
    expect(codes:get(1)):to_be(1)
    expect(codes:get(2)):to_be(0)
    expect(le.classes_):to_equal({"a", "b", "c"})
    expect(le:inverse_transform({2, 0})):to_equal({"c", "a"})
    expect(le:inverse_transform(codes)[4]):to_be("b")
    local numbers = ml.LabelEncoder():fit(ml.Matrix{10, 5, 10})
    expect(numbers.classes_:get(1)):to_be(5)
    expect(numbers:inverse_transform({1}):get(1)):to_be(10)
    checkerror("transform: y contains the label 'd' (row 1), which fit did "
                 .. "not see",
               function() return le:transform({"d"}) end)
    checkerror("inverse_transform: y contains 3 (row 1); the codes are 0 to "
                 .. "2",
               function() return le:inverse_transform({3}) end)
  end)

  it("make products in scikit-learn's order", function()
    local p = ml.PolynomialFeatures{degree = 3}
    local out = p:fit_transform(ml.Matrix{{2, 3}})
    expect({out:shape()}):to_equal({1, 10})
    expect(out:get(1, 8)):to_be(12)  -- x0^2 x1
    expect(p:get_feature_names_out{"a", "b"})
      :to_equal({"1", "a", "b", "a^2", "a b", "b^2", "a^3", "a^2 b",
                 "a b^2", "b^3"})
    expect(p.n_output_features_):to_be(10)
    expect(p.powers_:get(8, 1)):to_be(2)
    local i = ml.PolynomialFeatures{interaction_only = true,
                                    include_bias = false}
    expect(i:fit(ml.Matrix{{1, 2, 3}}):get_feature_names_out())
      :to_equal({"x0", "x1", "x2", "x0 x1", "x0 x2", "x1 x2"})
    checkerror("bad argument #1 to 'PolynomialFeatures' ('degree' must be a "
                 .. "whole number >= 0, got -1)",
               function() return ml.PolynomialFeatures{degree = -1} end)
  end)
end)

describe("samplers", function()
  local S = ml.Matrix{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5},
                      {6, 6}, {7, 7}, {10, 0}, {11, 1}, {12, 0}, {11, 2}}
  local words = {"no", "no", "no", "no", "no", "no", "no", "no",
                 "yes", "yes", "yes", "yes"}

  local function count(labels, label)
    local n = 0
    for _, value in ipairs(labels) do
      if value == label then n = n + 1 end
    end
    return n
  end

  it("over-sample at random, keeping string labels", function()
    local s = ml.RandomOverSampler{seed = 3}
    local Xr, yr = s:fit_resample(S, words)
    expect(type(yr)):to_be("table")
    expect(count(yr, "yes")):to_be(8)
    expect(count(yr, "no")):to_be(8)
    expect(Xr:shape()):to_be(16)
    expect(s.sampling_strategy_):to_equal({yes = 4})
    expect(s.sample_indices_:get(1)):to_be(1)
    local again = ml.RandomOverSampler{seed = 3}:fit_resample(S, words)
    expect(same(again, Xr)):to_be(true)
  end)

  it("under-sample, keeping numeric labels in a Matrix", function()
    local y = ml.Matrix{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1}
    local s = ml.RandomUnderSampler{sampling_strategy = 0.5}
    local Xr, yr = s:fit_resample(S, y)
    expect(yr:shape()):to_be(12)
    expect(yr:sum()):to_be(4)
    expect(s.sampling_strategy_):to_equal({[0] = 8})
    local auto = ml.RandomUnderSampler()
    local Xa, ya = auto:fit_resample(S, words)
    expect(#ya):to_be(8)
    expect(auto:get_params()):to_equal({sampling_strategy = "auto",
                                        seed = 0, replacement = false})
  end)

  it("make SMOTE rows between neighbours of a class", function()
    local s = ml.SMOTE{k_neighbors = 3, seed = 1}
    local Xr, yr = s:fit_resample(S, words)
    expect(count(yr, "yes")):to_be(8)
    for i = 13, 16 do
      expect(yr[i]):to_be("yes")
      expect(Xr:get(i, 1) >= 10 and Xr:get(i, 1) <= 12):to_be(true)
      expect(Xr:get(i, 2) >= 0 and Xr:get(i, 2) <= 2):to_be(true)
    end
    expect(tostring(s))
      :to_be('SMOTE{k_neighbors = 3, sampling_strategy = "auto"}')
  end)

  it("augment with Gaussian noise", function()
    local g = ml.GaussianNoise{std = 0.01, copies = 2, seed = 5}
    local Xa, ya = g:fit_resample(S, words)
    expect(Xa:shape()):to_be(36)
    expect(#ya):to_be(36)
    expect(ya[13]):to_be("no")
    expect(math.abs(Xa:get(13, 1) - S:get(1, 1)) < 0.1):to_be(true)
    expect(Xa:get(13, 1) ~= S:get(1, 1)):to_be(true)
    local noisy = g:transform(S)
    expect(noisy:shape()):to_be(12)
    expect(same(g:transform(S), noisy)):to_be(true)
    local targets = ml.Matrix{1.5, 2.5}
    local _, yt = ml.GaussianNoise():fit_resample(ml.Matrix{{1}, {2}},
                                                   targets)
    expect(yt:get(3)):to_be(1.5)
  end)

  it("names what is wrong", function()
    checkerror("fit_resample: SMOTE needs more than k_neighbors = 5 rows in "
                 .. "each class it grows; class 'yes' has 4",
               function() return ml.SMOTE():fit_resample(S, words) end)
    checkerror("bad argument #1 to 'RandomUnderSampler' (invalid option "
                 .. "'minority' for 'sampling_strategy')",
               function()
                 return ml.RandomUnderSampler{sampling_strategy = "minority"}
               end)
    checkerror("fit_resample: X has 12 rows but y has 2",
               function()
                 return ml.RandomOverSampler():fit_resample(S, {"a", "b"})
               end)
    checkerror("bad argument #1 to 'GaussianNoise' ('std' must be a "
                 .. "non-negative number, got -1)",
               function() return ml.GaussianNoise{std = -1} end)
  end)

  it("balance before a model and save", function()
    local Xb, yb = ml.SMOTE{k_neighbors = 2}:fit_resample(S, words)
    local model = ml.LogisticRegression():fit(Xb, yb)
    expect(#model:predict(S)):to_be(12)
    local path = os.tmpname()
    ml.SMOTE{k_neighbors = 2, seed = 9}:save(path)
    local back = ml.load(path)
    expect(back.k_neighbors):to_be(2)
    expect(back.seed):to_be(9)
    os.remove(path)
  end)
end)

describe("preprocessing in pipelines and searches", function()
  local rows = {}
  local labels = {}
  for i = 1, 40 do
    local a, b = (i * 37 % 17) / 4, (i * 11 % 13) / 3
    rows[i] = {a, (i % 7 == 0) and nan or b, a * b}
    labels[i] = (a + b > 5) and "yes" or "no"
  end
  local D = ml.Matrix(rows)

  it("chains an imputer, a scaler and a model", function()
    local p = ml.Pipeline{{"impute", ml.SimpleImputer()},
                          {"scale", ml.MinMaxScaler()},
                          {"clf", ml.LogisticRegression()}}
    p:fit(D, labels)
    expect(#p:predict(D)):to_be(40)
    expect(p:score(D, labels) > 0.8):to_be(true)
    expect(p:get_params().impute__strategy):to_be("mean")
    expect(p:get_params().scale__feature_range):to_be("(0, 1)")
    p:set_params{impute__strategy = "median"}
    expect(p:step("impute").strategy):to_be("median")
  end)

  it("tunes step parameters in GridSearchCV, missing values included",
     function()
    local p = ml.Pipeline{{"impute", ml.SimpleImputer()},
                          {"scale", ml.MinMaxScaler()},
                          {"clf", ml.LogisticRegression()}}
    local search = ml.GridSearchCV(p, {
      impute__strategy = {"mean", "median", "most_frequent"},
      scale__feature_range = {"(0, 1)", "(-1, 1)"},
      clf__C = {0.1, 10}}, {cv = 3}):fit(D, labels)
    expect(#search.cv_results_.params):to_be(12)
    for _, score in ipairs(search.cv_results_.mean_test_score:totable()) do
      expect(score == score):to_be(true)  -- no failed fit
    end
    local best = search.best_params_
    expect(best.impute__strategy ~= nil):to_be(true)
    expect(#search:predict(D)):to_be(40)
    local robust = ml.GridSearchCV(
      ml.Pipeline{{"impute", ml.SimpleImputer()},
                  {"scale", ml.RobustScaler()},
                  {"clf", ml.LogisticRegression()}},
      {scale__with_centering = {true, false}}, {cv = 3}):fit(D, labels)
    expect(#robust.cv_results_.params):to_be(2)
  end)

  it("encodes and expands inside a pipeline", function()
    local codes = ml.Matrix{{0, 1}, {1, 2}, {2, 1}, {0, 2}, {1, 1}, {2, 2},
                            {0, 1}, {1, 2}, {2, 1}, {0, 2}}
    local y = {"a", "b", "b", "a", "b", "b", "a", "b", "b", "a"}
    local p = ml.Pipeline{{"onehot", ml.OneHotEncoder()},
                          {"clf", ml.LogisticRegression{C = 10}}}
    expect(p:fit(codes, y):score(codes, y)):to_be(1)
    local search = ml.GridSearchCV(
      ml.Pipeline{{"poly", ml.PolynomialFeatures()},
                  {"scale", ml.StandardScaler()},
                  {"clf", ml.LogisticRegression()}},
      {poly__degree = {1, 2}, poly__interaction_only = {true, false}},
      {cv = 2}):fit(ml.SimpleImputer():fit_transform(D), labels)
    expect(#search.cv_results_.params):to_be(4)
    expect(search.best_params_.poly__degree >= 1):to_be(true)
  end)

  it("saves and loads every transformer", function()
    local path = os.tmpname()
    for _, make in ipairs{
      function() return ml.MinMaxScaler{feature_range = {-2, 2}} end,
      function() return ml.RobustScaler{quantile_range = {5, 95}} end,
      ml.MaxAbsScaler, ml.Normalizer, ml.StandardScaler,
      function() return ml.SimpleImputer{strategy = "median",
                                         add_indicator = true} end,
      function() return ml.OneHotEncoder{handle_unknown = "ignore"} end,
      function() return ml.OrdinalEncoder{encoded_missing_value = -1} end,
      function() return ml.PolynomialFeatures{degree = 3} end,
    } do
      local model = make()
      local name = tostring(model)
      local input = (name:match("^Normalizer") or name:match("^Polynomial"))
        and ml.SimpleImputer():fit_transform(D) or D
      model:fit(input)
      expect(model:save(path)):to_be(model)
      local back = ml.load(path)
      expect(back:get_params()):to_equal(model:get_params())
      expect(same(back:transform(input), model:transform(input)))
        :to_be(true)
    end
    local le = ml.LabelEncoder():fit({"x", "y"})
    le:save(path)
    expect(ml.load(path).classes_):to_equal({"x", "y"})
    os.remove(path)
  end)
end)
