-- A regression recipe on data it makes itself: a known linear signal
-- plus noise, three linear models compared on a held-out split, Ridge's
-- alpha chosen by cross-validation, and the best model saved and loaded.
-- Run it with: nightjar scripts/recipes/regression.lua

-- Data: 400 rows, 8 features of which 3 carry the signal.
local rows, features = 400, 8
local X = ml.Matrix.randn(rows, features, {seed = 42})
local w = ml.Matrix{3.0, -2.0, 0, 0, 1.5, 0, 0, 0}
local noise = ml.Matrix.randn(rows, {seed = 43}) * 0.5
local y = X:matmul(w) + 4.0 + noise

local Xtr, Xte, ytr, yte = ml.train_test_split(X, y,
  {test_size = 0.25, seed = 7})

-- Three models, fitted on the training rows, scored on the rest.
local models = {
  {"LinearRegression", ml.LinearRegression()},
  {"Ridge(alpha = 1)", ml.Ridge{alpha = 1}},
  {"Lasso(alpha = 0.05)", ml.Lasso{alpha = 0.05}},
}
print(string.format("%-20s %8s %8s", "model", "R^2", "MSE"))
for _, entry in ipairs(models) do
  local name, model = entry[1], entry[2]
  model:fit(Xtr, ytr)
  local predicted = model:predict(Xte)
  print(string.format("%-20s %8.4f %8.4f", name,
                      ml.r2_score(yte, predicted),
                      ml.mean_squared_error(yte, predicted)))
end
local lasso = models[3][2]
local kept = 0
for _, c in ipairs(lasso.coef_:totable()) do
  if c ~= 0 then kept = kept + 1 end
end
print(string.format("Lasso keeps %d of %d features", kept, features))

-- Ridge's alpha by 5-fold cross-validation on the training rows.
local search = ml.GridSearchCV(ml.Ridge(),
  {alpha = {0.01, 0.1, 1, 10, 100}},
  {cv = 5, scoring = "neg_mean_squared_error"}):fit(Xtr, ytr)
print(string.format("best alpha %g (cross-validated MSE %.4f)",
                    search.best_params_.alpha, -search.best_score_))

-- Save the best model, load it back, check it predicts the same.
local path = os.tmpname()
search.best_estimator_:save(path)
local loaded = ml.load(path)
os.remove(path)
local same = (loaded:predict(Xte) - search.best_estimator_:predict(Xte))
  :abs():max() == 0
print(string.format("held-out R^2 of the loaded model %.4f (%s)",
                    loaded:score(Xte, yte),
                    same and "identical predictions" or "predictions differ"))
if not same then os.exit(1) end
