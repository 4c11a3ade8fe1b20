-- LogisticRegression, the metrics and model selection from Lua.

local X = ml.Matrix{{0, 1}, {1, 0}, {2, 2}, {3, 1}, {-1, 0}, {4, 4},
                    {0.5, 0.2}, {2.5, 3}, {1.5, 1.5}, {3.5, 0.5}}
local words = {"no", "yes", "yes", "no", "yes", "yes", "no", "no", "yes",
               "no"}
local numbers = ml.Matrix{0, 1, 1, 0, 1, 1, 0, 0, 1, 0}

describe("ml.LogisticRegression", function()
  it("keeps string labels as strings", function()
    local m = ml.LogisticRegression():fit(X, words)
    expect(m.classes_):to_equal({"no", "yes"})
    local predicted = m:predict(X)
    expect(type(predicted)):to_be("table")
    expect(#predicted):to_be(10)
    expect(predicted[1] == "no" or predicted[1] == "yes"):to_be(true)
  end)

  it("returns numeric labels as a Matrix vector", function()
    local m = ml.LogisticRegression{C = 10}:fit(X, numbers)
    local predicted = m:predict(X)
    expect(predicted:shape()):to_be(10)
    local p = m:predict_proba(X)
    local rows, cols = p:shape()
    expect(rows):to_be(10)
    expect(cols):to_be(2)
    expect(p:sum(2):get(1)):to_be_near(1, 1e-12)
    expect(m:score(X, numbers)):to_be(ml.accuracy_score(numbers, predicted))
  end)

  it("has its fitted attributes after fit only", function()
    local m = ml.LogisticRegression()
    expect(m.coef_):to_be(nil)
    expect(m.n_iter_):to_be(nil)
    m:fit(X, numbers)
    local rows, cols = m.coef_:shape()
    expect(rows):to_be(1)
    expect(cols):to_be(2)
    expect(m.intercept_:shape()):to_be(1)
    expect(m.n_iter_ >= 1):to_be(true)
    expect(#m.loss_curve_):to_be(m.n_iter_ + 1)
  end)

  it("fits l1 and elasticnet with the default constructor", function()
    local l1 = ml.LogisticRegression{penalty = "l1", C = 0.05}:fit(X, words)
    local elastic = ml.LogisticRegression{
      penalty = "elasticnet", l1_ratio = 0.5}:fit(X, words)
    expect(l1.coef_:shape()):to_be(1)
    expect(elastic.penalty):to_be("elasticnet")
    expect(elastic.l1_ratio):to_be(0.5)
  end)

  it("fits three classes", function()
    local y = {"a", "b", "c", "a", "b", "c", "a", "b", "c", "a"}
    local m = ml.LogisticRegression():fit(X, y)
    local rows, cols = m.coef_:shape()
    expect(rows):to_be(3)
    expect(cols):to_be(2)
    expect(m.classes_):to_equal({"a", "b", "c"})
  end)

  it("reads and sets parameters", function()
    local m = ml.LogisticRegression{C = 0.5, class_weight = "balanced"}
    local params = m:get_params()
    expect(params.C):to_be(0.5)
    expect(params.penalty):to_be("l2")
    expect(params.class_weight):to_be("balanced")
    expect(m:set_params{max_iter = 5}):to_be(m)
    expect(m.max_iter):to_be(5)
    local weighted = ml.LogisticRegression{class_weight = {yes = 3}}
    expect(weighted.class_weight):to_equal({yes = 3})
    weighted:fit(X, words)
  end)

  it("names what is wrong", function()
    checkerror(
      "bad argument #1 to 'LogisticRegression' (invalid option 'l3' for "
        .. "'penalty')",
      function() return ml.LogisticRegression{penalty = "l3"} end)
    checkerror(
      "bad argument #1 to 'LogisticRegression' (unknown option 'Cc')",
      function() return ml.LogisticRegression{Cc = 1} end)
    checkerror(
      "bad argument #1 to 'LogisticRegression' ('C' must be positive, "
        .. "got 0)",
      function() return ml.LogisticRegression{C = 0} end)
    local m = ml.LogisticRegression()
    checkerror("fit: X has 10 rows but y has 2",
               function() m:fit(X, {1, 2}) end)
    checkerror("fit: y has only one class (1); a classifier needs at "
                 .. "least two",
               function() m:fit(X, ml.Matrix.ones(10)) end)
    checkerror("bad argument #2 to 'fit' (labels must be all numbers or "
                 .. "all strings (element 2 is string))",
               function() m:fit(X, {1, "a"}) end)
    checkerror("bad argument #1 to 'fit' (Matrix expected, got table)",
               function() m:fit({}, words) end)
    checkerror("predict: this LogisticRegression is not fitted yet; call "
                 .. "fit first",
               function() m:predict(X) end)
    m:fit(X, words)
    checkerror("predict: X has 3 columns but the model was fitted with 2",
               function() m:predict(ml.Matrix.zeros(2, 3)) end)
    checkerror("fit: input contains NaN (column 1, row 2)",
               function()
                 m:fit(ml.Matrix{{1, 2}, {0 / 0, 1}}, {"a", "b"})
               end)
  end)
end)

describe("metrics", function()
  local truth = {"a", "b", "a", "a", "b", "c"}
  local guess = {"a", "a", "a", "b", "b", "c"}

  it("match scikit-learn's definitions", function()
    expect(ml.accuracy_score(truth, guess)):to_be_near(4 / 6)
    -- per class precision a: 2/3, b: 1/2, c: 1; recall a: 2/3, b: 1/2,
    -- c: 1
    expect(ml.precision_score(truth, guess, {average = "macro"}))
      :to_be_near((2 / 3 + 1 / 2 + 1) / 3)
    expect(ml.recall_score(truth, guess, {average = "weighted"}))
      :to_be_near((3 * 2 / 3 + 2 * 1 / 2 + 1) / 6)
    expect(ml.f1_score(truth, guess, {average = "micro"}))
      :to_be_near(4 / 6)
    local per_class = ml.f1_score(truth, guess, {average = "none"})
    expect(per_class:get(3)):to_be(1)
    expect(ml.fbeta_score({1, 0, 1, 1}, {1, 1, 1, 0}, {beta = 2}))
      :to_be_near(5 * (2 / 3) * (2 / 3) / (4 * 2 / 3 + 2 / 3))
  end)

  it("binary metrics use pos_label", function()
    expect(ml.recall_score({1, 0, 1, 1}, {1, 0, 0, 1})):to_be_near(2 / 3)
    expect(ml.recall_score({"y", "n", "y"}, {"y", "y", "n"},
                           {pos_label = "y"})):to_be_near(0.5)
  end)

  it("counts the confusion matrix with its labels", function()
    local counts, labels = ml.confusion_matrix(truth, guess)
    expect(labels):to_equal({"a", "b", "c"})
    expect(counts:totable()):to_equal({{2, 1, 0}, {1, 1, 0}, {0, 0, 1}})
  end)

  it("score regression", function()
    local y = ml.Matrix{1, 2, 3, 4}
    local p = ml.Matrix{1, 2, 3, 5}
    expect(ml.mean_squared_error(y, p)):to_be(0.25)
    expect(ml.mean_absolute_error(y, {1, 2, 3, 5})):to_be(0.25)
    expect(ml.r2_score(y, p)):to_be_near(1 - 1 / 5)
  end)

  it("names what is wrong", function()
    checkerror("recall_score: pos_label '1' is not a label (labels: 'n', "
                 .. "'y'); set pos_label",
               function() ml.recall_score({"y", "n"}, {"y", "y"}) end)
    checkerror("f1_score: y has 3 classes but average is 'binary'; choose "
                 .. "'micro', 'macro' or 'weighted'",
               function() ml.f1_score(truth, guess) end)
    checkerror("accuracy_score: y_true has 6 labels but y_pred has 2",
               function() ml.accuracy_score(truth, {"a", "b"}) end)
    checkerror("accuracy_score: y_true holds strings but y_pred holds "
                 .. "numbers",
               function() ml.accuracy_score({"a"}, {1}) end)
    checkerror("bad argument #3 to 'f1_score' (invalid option 'mean' for "
                 .. "'average')",
               function() ml.f1_score(truth, guess, {average = "mean"}) end)
    checkerror("bad argument #3 to 'recall_score' (unknown option 'avg')",
               function() ml.recall_score(truth, guess, {avg = "macro"}) end)
  end)
end)

describe("model selection", function()
  it("splits into folds, 1-based", function()
    local folds = ml.KFold{n_splits = 3}:split(7)
    expect(#folds):to_be(3)
    expect(folds[1].test):to_equal({1, 2, 3})
    expect(folds[3].train):to_equal({1, 2, 3, 4, 5})
    local strata = ml.StratifiedKFold{n_splits = 2}:split(X, words)
    expect(#strata[1].test + #strata[2].test):to_be(10)
    expect(ml.KFold{n_splits = 4}:get_n_splits()):to_be(4)
  end)

  it("cross-validates", function()
    local scores = ml.cross_val_score(ml.LogisticRegression(), X, words,
                                      {cv = 2})
    expect(scores:shape()):to_be(2)
    local results = ml.cross_validate(ml.LogisticRegression(), X, words,
                                      {cv = ml.KFold{n_splits = 5}})
    expect(results.test_score:shape()):to_be(5)
    expect(results.fit_time:shape()):to_be(5)
  end)

  it("searches a grid and keeps the best", function()
    local search = ml.GridSearchCV(ml.LogisticRegression(),
      {C = {0.1, 1, 10}, penalty = {"l1", "l2"}}, {cv = 2})
    expect(search:fit(X, words)):to_be(search)
    expect(#search.cv_results_.params):to_be(6)
    expect(search.cv_results_.params[1]):to_equal({C = 0.1,
                                                   penalty = "l1"})
    local best = search.best_index_
    expect(search.cv_results_.rank_test_score:get(best)):to_be(1)
    expect(search.best_score_)
      :to_be(search.cv_results_.mean_test_score:get(best))
    expect(search.best_estimator_.C):to_be(search.best_params_.C)
    expect(#search:predict(X)):to_be(10)
  end)

  it("accepts a list of grids and a scoring name", function()
    local search = ml.GridSearchCV(ml.LogisticRegression(),
      {{C = {1}}, {C = {0.1}, penalty = "l1"}},
      {cv = 2, scoring = "f1_macro"}):fit(X, words)
    expect(#search.cv_results_.params):to_be(2)
  end)

  it("names what is wrong", function()
    checkerror("bad argument #2 to 'GridSearchCV' (LogisticRegression has "
                 .. "no parameter 'gamma')",
               function()
                 ml.GridSearchCV(ml.LogisticRegression(), {gamma = {1}})
               end)
    checkerror("bad argument #3 to 'GridSearchCV' (invalid option 'best' "
                 .. "for 'scoring')",
               function()
                 ml.GridSearchCV(ml.LogisticRegression(), {C = {1}},
                                 {scoring = "best"})
               end)
    checkerror("bad argument #1 to 'GridSearchCV' (estimator expected, got "
                 .. "table)",
               function() ml.GridSearchCV({}, {C = {1}}) end)
    checkerror("KFold: n_splits is 5 but there are only 3 rows",
               function() ml.KFold():split(3) end)
    checkerror("this GridSearchCV is not fitted yet; call fit first",
               function()
                 ml.GridSearchCV(ml.LogisticRegression(), {C = {1}})
                   :predict(X)
               end)
  end)
end)

describe("model files", function()
  local folder = os.tmpname()
  os.remove(folder)

  it("round-trip a fitted model and a pipeline exactly", function()
    local m = ml.LogisticRegression{C = 2, class_weight = {yes = 2}}
      :fit(X, words)
    local path = folder .. "-model.json"
    expect(m:save(path)):to_be(m)
    local back = ml.load(path)
    expect(back.C):to_be(2)
    expect(back.class_weight):to_equal({yes = 2})
    expect(back:predict(X)):to_equal(m:predict(X))
    expect((back:predict_proba(X) - m:predict_proba(X)):abs():max())
      :to_be(0)
    local p = ml.Pipeline{{"clf", ml.LogisticRegression()}}:fit(X, words)
    p:save(path)
    expect(ml.load(path):predict(X)):to_equal(p:predict(X))
    os.remove(path)
  end)

  it("saves an unfitted model", function()
    local path = folder .. "-plain.json"
    ml.LogisticRegression{penalty = "l1"}:save(path)
    local back = ml.load(path)
    expect(back.penalty):to_be("l1")
    expect(back.coef_):to_be(nil)
    os.remove(path)
  end)

  it("names what is wrong with a file", function()
    local path = folder .. "-bad.json"
    checkerror("load: " .. path .. ": No such file or directory",
               ml.load, path)
    local f = io.open(path, "w")
    f:write('{"format": "nightjar-model", "version": 2}')
    f:close()
    checkerror("load: " .. path .. ": model file version 2 (this build "
                 .. "reads 1)", ml.load, path)
    f = io.open(path, "w")
    f:write('{"format": "nightjar-model", "version": 1, "kind": "Magic"}')
    f:close()
    checkerror("load: " .. path .. ": unknown kind of model 'Magic'",
               ml.load, path)
    f = io.open(path, "w")
    f:write("not json")
    f:close()
    checkerror("load: " .. path .. ": not a model file (line 1: expected "
                 .. "a value)", ml.load, path)
    os.remove(path)
  end)
end)
