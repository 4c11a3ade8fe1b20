-- The ranking and probabilistic metrics and classification_report from
-- Lua: the values scikit-learn 1.9 gives for small inputs (computed with
-- it and written here), options, warnings and messages.

local y = {0, 0, 1, 1, 1, 0, 1, 0}
local s = ml.Matrix{0.1, 0.4, 0.35, 0.8, 0.8, 0.2, 0.6, 0.6}
local words = {"no", "no", "yes", "yes", "yes", "no", "yes", "no"}

local function near(got, want)
  local values = type(got) == "table" and got or got:totable()
  expect(#values):to_be(#want)
  for i = 1, #want do
    if want[i] == math.huge then
      expect(values[i]):to_be(math.huge)
    else
      expect(values[i]):to_be_near(want[i], 1e-12)
    end
  end
end

describe("ranking metrics", function()
  it("score binary problems as scikit-learn", function()
    expect(ml.roc_auc_score(y, s)):to_be_near(0.84375)
    expect(ml.roc_auc_score(words, s:totable())):to_be_near(0.84375)
    expect(ml.average_precision_score(y, s))
      :to_be_near(0.8541666666666666)
    expect(ml.average_precision_score(words, s, {pos_label = "yes"}))
      :to_be_near(0.8541666666666666)
  end)

  it("draw the ROC and precision-recall curves", function()
    local fpr, tpr, thresholds = ml.roc_curve(y, s)
    near(fpr, {0, 0, 0.25, 0.5, 0.5, 1})
    near(tpr, {0, 0.5, 0.75, 0.75, 1, 1})
    near(thresholds, {math.huge, 0.8, 0.6, 0.4, 0.35, 0.1})
    local p, r, t = ml.precision_recall_curve(y, s)
    near(p, {0.5, 0.5714285714285714, 0.6666666666666666, 0.6, 0.75, 1, 1})
    near(r, {1, 1, 1, 0.75, 0.75, 0.5, 0})
    near(t, {0.1, 0.2, 0.35, 0.4, 0.6, 0.8})
    local all = ml.roc_curve(words, s,
      {pos_label = "yes", drop_intermediate = false})
    expect(#all:totable()):to_be(7)
  end)

  it("average three classes", function()
    local y3 = {"a", "b", "c", "a", "b", "c"}
    local P = ml.Matrix{{.7, .2, .1}, {.2, .5, .3}, {.1, .3, .6},
                        {.3, .4, .3}, {.5, .4, .1}, {.2, .2, .6}}
    expect(ml.roc_auc_score(y3, P, {multi_class = "ovr"})):to_be_near(0.9375)
    expect(ml.roc_auc_score(y3, P, {multi_class = "ovo"})):to_be_near(0.9375)
    expect(ml.log_loss(y3, P)):to_be_near(0.6986228180384585)
    expect(ml.brier_score_loss(y3, P)):to_be_near(0.3966666666666667)
  end)

  it("score probabilities", function()
    expect(ml.log_loss(y, s)):to_be_near(0.47031940918815873)
    expect(ml.brier_score_loss(y, s)):to_be_near(0.1540625)
    expect(ml.log_loss(y, s, {normalize = false}))
      :to_be_near(8 * 0.47031940918815873, 1e-12)
    local proba = ml.Matrix.ones(8, 2)
    for i = 1, 8 do
      proba:set(i, 1, 1 - s:get(i))
      proba:set(i, 2, s:get(i))
    end
    expect(ml.log_loss(y, proba)):to_be_near(0.47031940918815873)
    expect(ml.roc_auc_score(y, proba)):to_be_near(0.84375)
  end)

  it("give NaN where scikit-learn does (with a warning on stderr)",
    function()
      local value = ml.roc_auc_score({1, 1, 1}, {0.2, 0.4, 0.9})
      expect(value ~= value):to_be(true)
    end)

  it("name what is wrong", function()
    checkerror("roc_auc_score: y_true has 3 classes; set multi_class to "
      .. "'ovr' or 'ovo'",
      ml.roc_auc_score, {1, 2, 3}, ml.Matrix{{1, 0, 0}, {0, 1, 0},
        {0, 0, 1}})
    checkerror("bad argument #3 to 'roc_auc_score' (invalid option 'ovx' "
      .. "for 'multi_class')",
      function() return ml.roc_auc_score(y, s, {multi_class = "ovx"}) end)
    checkerror("bad argument #3 to 'roc_curve' (unknown option 'average')",
      function() return ml.roc_curve(y, s, {average = "macro"}) end)
    checkerror("roc_curve: y_true takes value in {'no', 'yes'} and pos_label "
      .. "is not specified: either make y_true take value in {0, 1} or "
      .. "{-1, 1} or pass pos_label explicitly", ml.roc_curve, words, s)
    checkerror("log_loss: y_prob contains values lower than 0: -0.5",
      ml.log_loss, {0, 1}, {-0.5, 0.5})
    checkerror("bad argument #2 to 'log_loss' (Matrix expected, got string)",
      function() return ml.log_loss({0, 1}, "p") end)
    checkerror("brier_score_loss: y_true has 8 labels but y_prob has 2 rows",
      ml.brier_score_loss, y, {0.1, 0.2})
  end)
end)

describe("classification_report", function()
  local truth = words
  local guess = {"no", "yes", "yes", "no", "yes", "no", "yes", "yes"}

  it("prints scikit-learn's table", function()
    expect(ml.classification_report(truth, guess)):to_be(
      "              precision    recall  f1-score   support\n\n"
      .. "          no       0.67      0.50      0.57         4\n"
      .. "         yes       0.60      0.75      0.67         4\n\n"
      .. "    accuracy                           0.62         8\n"
      .. "   macro avg       0.63      0.62      0.62         8\n"
      .. "weighted avg       0.63      0.62      0.62         8\n")
    local wide = ml.classification_report(truth, guess, {digits = 4})
    expect(wide:find("0.6667", 1, true) ~= nil):to_be(true)
  end)

  it("returns a table with output_dict", function()
    local report = ml.classification_report(truth, guess,
      {output_dict = true})
    expect(report.no.precision):to_be_near(2 / 3)
    expect(report.yes["f1-score"]):to_be_near(2 / 3)
    expect(report.yes.support):to_be(4)
    expect(report.accuracy):to_be_near(5 / 8)
    expect(report["macro avg"].recall):to_be_near(0.625)
    expect(report["weighted avg"].support):to_be(8)
    local named = ml.classification_report({0, 1, 1}, {0, 1, 0},
      {output_dict = true, target_names = {"neg", "pos"}})
    expect(named.pos.recall):to_be_near(0.5)
  end)

  it("names what is wrong", function()
    checkerror("classification_report: there are 2 classes but 1 "
      .. "target_names", ml.classification_report, truth, guess,
      {target_names = {"one"}})
    checkerror("bad argument #3 to 'classification_report' (digits must be "
      .. "a whole number from 0 to 15)", function()
        return ml.classification_report(truth, guess, {digits = 1.5})
      end)
  end)
end)

describe("scorers that need probabilities", function()
  it("cross-validate with roc_auc, average_precision and neg_log_loss",
    function()
      local X = ml.Matrix{{0, 1}, {1, 0}, {2, 2}, {3, 1}, {-1, 0}, {4, 4},
                          {0.5, 0.2}, {2.5, 3}, {1.5, 1.5}, {3.5, 0.5}}
      local labels = {"no", "yes", "yes", "no", "yes", "yes", "no", "no",
                      "yes", "no"}
      for _, name in ipairs({"roc_auc", "average_precision",
                             "neg_log_loss"}) do
        local scores = ml.cross_val_score(ml.LogisticRegression(), X,
          labels, {cv = 2, scoring = name})
        expect(scores:shape()):to_be(2)
        expect(scores:get(1) == scores:get(1)):to_be(true)
      end
      local m = ml.LogisticRegression():fit(X, labels)
      local search = ml.GridSearchCV(ml.LogisticRegression(),
        {C = {0.1, 1}}, {cv = 2, scoring = "roc_auc"}):fit(X, labels)
      expect(search:score(X, labels))
        :to_be(ml.roc_auc_score(labels, search.best_estimator_
          :decision_function(X)))
      expect(m:score(X, labels) > 0):to_be(true)
    end)
end)
