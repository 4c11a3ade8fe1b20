-- The founding pipeline: read a customer table, encode and clean it, fit
-- a logistic regression, measure accuracy / recall / F1 on held-out
-- customers, then search C x penalty with 5-fold cross-validation, with
-- imputing and scaling refitted inside every fold by a Pipeline.
-- Usage: nightjar scripts/recipes/churn.lua [churn.csv]
-- (the file is generated first when it does not exist)
local path = arg[1] or "churn.csv"
if not io.open(path) then
  require("make_churn").write(path, 5000, 42)
end

local data = ml.read_csv(path)
local y = data["churned"]

-- Numbers as they are (NaN where missing); the text columns one-hot.
local numbers = data:select{"tenure_months", "monthly_charges",
                            "support_calls", "usage_gb"}:to_matrix()
local rows = data:shape()
local codes = ml.hstack{
  ml.LabelEncoder():fit_transform(data.plan):reshape(rows, 1),
  ml.LabelEncoder():fit_transform(data.region):reshape(rows, 1)}
local X = ml.hstack{numbers, ml.OneHotEncoder():fit_transform(codes)}
print(string.format("%d customers, %d features, %.1f%% churned",
                    X.rows, X.cols, 100 * y:mean()))

local Xtr, Xte, ytr, yte = ml.train_test_split(X, y, {test_size = 0.2,
                                                      seed = 7})
local function pipeline()
  return ml.Pipeline{
    {"impute", ml.SimpleImputer{strategy = "median"}},
    {"scale", ml.StandardScaler()},
    {"clf", ml.LogisticRegression{class_weight = "balanced"}},
  }
end

local model = pipeline():fit(Xtr, ytr)
local pred = model:predict(Xte)
print(string.format("accuracy %.3f  recall %.3f  F1 %.3f",
                    ml.accuracy_score(yte, pred), ml.recall_score(yte, pred),
                    ml.f1_score(yte, pred)))

local grid = ml.GridSearchCV(pipeline(),
  {clf__C = {0.1, 1, 10}, clf__penalty = {"l1", "l2"}},
  {cv = 5, scoring = "f1"}):fit(Xtr, ytr)
print(string.format("best C = %s, penalty = %s, cv F1 %.3f",
                    grid.best_params_.clf__C, grid.best_params_.clf__penalty,
                    grid.best_score_))
local best = grid.best_estimator_
print(string.format("held-out F1 of the best pipeline %.3f",
                    ml.f1_score(yte, best:predict(Xte))))
best:save(path:gsub("%.csv$", "") .. "-model.json")
