-- The founding pipeline: read a customer table, scale it, fit a logistic
-- regression, measure accuracy / recall / F1 on held-out customers, then
-- search C x penalty with 5-fold cross-validation.
-- Usage: nightjar scripts/recipes/churn.lua [churn.csv]
-- (the file is generated first when it does not exist)
local path = arg[1] or "churn.csv"
if not io.open(path) then
  require("make_churn").write(path, 5000, 42)
end

local data = ml.read_csv(path)
local y = data["churned"]
local X = data:drop{"churned", "customer_id", "plan", "region"}:to_matrix()
print(string.format("%d customers, %d numeric features, %.1f%% churned",
                    X.rows, X.cols, 100 * ml.Matrix(y):mean()))

local Xtr, Xte, ytr, yte = ml.train_test_split(X, y, {test_size = 0.2,
                                                      seed = 7})
local scaler = ml.StandardScaler()
Xtr, Xte = scaler:fit_transform(Xtr), scaler:transform(Xte)
-- Missing values are NaN; after scaling, 0 is the column mean.
Xtr = ml.where(Xtr:isnan(), 0, Xtr)
Xte = ml.where(Xte:isnan(), 0, Xte)

local model = ml.LogisticRegression{class_weight = "balanced"}:fit(Xtr, ytr)
local pred = model:predict(Xte)
print(string.format("accuracy %.3f  recall %.3f  F1 %.3f",
                    ml.accuracy_score(yte, pred), ml.recall_score(yte, pred),
                    ml.f1_score(yte, pred)))

local grid = ml.GridSearchCV(ml.LogisticRegression{class_weight = "balanced"},
  {C = {0.1, 1, 10}, penalty = {"l1", "l2"}}, {cv = 5, scoring = "f1"})
grid:fit(Xtr, ytr)
print(string.format("best C = %s, penalty = %s, cv F1 %.3f",
                    grid.best_params_.C, grid.best_params_.penalty,
                    grid.best_score_))
local best = grid.best_estimator_
print(string.format("held-out F1 of the best model %.3f",
                    ml.f1_score(yte, best:predict(Xte))))
