-- A first recipe: checks that nightjar runs, then fits a logistic
-- regression to a small synthetic problem and scores it on held-out rows.
-- Run it with: nightjar scripts/recipes/first.lua
print(string.format("nightjar runs %s with ml %s", _VERSION,
                    type(ml) == "table" and "loaded" or "missing"))

-- 2,000 rows of 5 features; the label depends on the first two.
local X = ml.Matrix.randn(2000, 5, {seed = 1})
local y = (X:col(1) * 2 - X:col(2)):gt(0)
local Xtr, Xte, ytr, yte = ml.train_test_split(X, y, {test_size = 0.25,
                                                      seed = 7})
local elapsed, model = ml.time(function()
  return ml.LogisticRegression():fit(Xtr, ytr)
end)
print(string.format("held-out accuracy %.3f after %d iterations",
                    ml.accuracy_score(yte, model:predict(Xte)),
                    model.n_iter_))
