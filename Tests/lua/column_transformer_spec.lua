-- ml.ColumnTransformer from Lua: parts on named DataFrame columns, the
-- remainder, parameters, pipelines taking a DataFrame, and messages.

local function customers()
  return ml.DataFrame(
    {age = {20, 30, 40, 50, 60, 70}, income = {1, 2, 3, 4, 5, 6},
     plan = {"b", "a", "b", "c", "a", "c"},
     member = {true, false, true, false, true, true},
     churned = {0, 0, 0, 1, 1, 1}},
    {"age", "income", "plan", "member", "churned"})
end

local function prep(options)
  local parts = {{"num", ml.StandardScaler(), {"age", "income"}},
                 {"cat", ml.OneHotEncoder(), "plan"}}
  for k, v in pairs(options or {}) do parts[k] = v end
  return ml.ColumnTransformer(parts)
end

describe("ColumnTransformer", function()
  it("puts the parts side by side, in order", function()
    local df = customers()
    local ct = prep()
    expect(tostring(ct)):to_be("ColumnTransformer{num = StandardScaler("
                               .. "age, income), cat = OneHotEncoder(plan)}")
    local X = ct:fit_transform(df)
    expect({X.rows, X.cols}):to_equal({6, 5})
    local scaled = ml.StandardScaler():fit_transform(
      df:to_matrix{"age", "income"})
    expect(X:col(1):totable()):to_equal(scaled:col(1):totable())
    -- plan b, a, b, c, a, c against the sorted levels a, b, c.
    expect(X:row(1):totable()[3]):to_be(0)
    expect(X:row(1):totable()[4]):to_be(1)
    expect(X:col(5):totable()):to_equal({0, 0, 0, 1, 0, 1})
    expect(ct.remainder_columns_):to_equal({"member", "churned"})
    expect(ct:transform(df:select{"plan", "income", "age"}):totable())
      :to_equal(X:totable())
  end)

  it("passes the remainder through or drops it", function()
    local df = customers()
    local ct = prep{remainder = "passthrough"}
    local X = ct:fit_transform(df)
    expect(X.cols):to_be(7)
    expect(X:col(6):totable()):to_equal({1, 0, 1, 0, 1, 1})
    expect(X:col(7):totable()):to_equal({0, 0, 0, 1, 1, 1})
    local kept = ml.ColumnTransformer{{"m", "passthrough", "member"},
                                      {"x", "drop", "age"}}
    expect(kept:fit_transform(df):totable())
      :to_equal({{1}, {0}, {1}, {0}, {1}, {1}})
  end)

  it("nests parameters as scikit-learn", function()
    local ct = prep()
    local params = ct:get_params()
    expect(params.remainder):to_be("drop")
    expect(params.num__with_mean):to_be(true)
    expect(params.cat__handle_unknown):to_be("error")
    ct:set_params{num__with_std = false, remainder = "passthrough"}
    expect(ct:get_params().num__with_std):to_be(false)
    expect(ct:transformer("num"):get_params().with_std):to_be(false)
    checkerror("bad argument #1 to 'set_params' (unknown option 'num__C')",
      function() return ct:set_params{num__C = 1} end)
  end)

  it("is the first step of a pipeline that takes a DataFrame", function()
    local df = customers()
    local p = ml.Pipeline{{"prep", prep()}, {"clf", ml.LogisticRegression()}}
    expect(rawequal(p:fit(df, df.churned), p)):to_be(true)
    expect(p:predict(df):totable()):to_equal({0, 0, 0, 1, 1, 1})
    expect(p:score(df, df.churned)):to_be(1)
    expect(p:get_params().prep__num__with_mean):to_be(true)
    local byPlan = ml.Pipeline{{"prep", prep()},
                               {"clf", ml.LogisticRegression()}}
    byPlan:fit(df, df.plan)
    expect(byPlan:predict(df)):to_equal(df.plan)
    local only = ml.Pipeline{{"prep", prep()}}
    only:fit(df, df.churned)
    expect(only:transform(df).cols):to_be(5)
    checkerror("fit: the first step, a ColumnTransformer, takes a "
               .. "DataFrame as X",
      function() return p:fit(df:to_matrix{"age"}, df.churned) end)
    local scaled = ml.Pipeline{{"s", ml.StandardScaler()},
                               {"clf", ml.LogisticRegression()}}
    checkerror("fit: X is a DataFrame but the first step, a StandardScaler, "
               .. "takes a Matrix (start with a ColumnTransformer)",
      function() return scaled:fit(df, df.churned) end)
    checkerror("bad argument #1 to 'Pipeline' (step 'prep' is a "
               .. "ColumnTransformer, which takes a DataFrame; only the "
               .. "first step may)",
      function()
        return ml.Pipeline{{"s", ml.StandardScaler()}, {"prep", prep()}}
      end)
  end)

  it("reports bad parts and columns", function()
    local df = customers()
    checkerror("bad argument #1 to 'ColumnTransformer' (part 'num': "
               .. "transformer must be a transformer, \"passthrough\" or "
               .. "\"drop\", got a LogisticRegression, which cannot "
               .. "transform)",
      function()
        return ml.ColumnTransformer{{"num", ml.LogisticRegression(), "age"}}
      end)
    checkerror("bad argument #1 to 'ColumnTransformer' (part 'num': "
               .. "transformer \"keep\" must be an estimator, "
               .. "\"passthrough\" or \"drop\")",
      function() return ml.ColumnTransformer{{"num", "keep", "age"}} end)
    checkerror("bad argument #1 to 'ColumnTransformer' (part 1 must be "
               .. "{name, transformer, columns})",
      function() return ml.ColumnTransformer{{"num", "drop"}} end)
    checkerror("bad argument #1 to 'ColumnTransformer' (part 'num': "
               .. "columns must be a name or a list of names, got number)",
      function() return ml.ColumnTransformer{{"num", "drop", 3}} end)
    checkerror("bad argument #1 to 'ColumnTransformer' (unknown option "
               .. "'remaindr')",
      function() return prep{remaindr = "drop"} end)
    checkerror("bad argument #1 to 'ColumnTransformer' (invalid option "
               .. "'keep' for 'remainder')",
      function() return prep{remainder = "keep"} end)
    checkerror("bad argument #1 to 'ColumnTransformer' (no transformers)",
      function() return ml.ColumnTransformer{} end)
    local bad = ml.ColumnTransformer{{"num", ml.StandardScaler(),
                                      {"age", "plan"}}}
    checkerror("fit: column 'plan' holds text and part 'num' gives it to a "
               .. "StandardScaler, which takes numbers; encode it with an "
               .. "encoder", function() return bad:fit(df) end)
    checkerror("transform: this ColumnTransformer is not fitted yet; call "
               .. "fit first", function() return prep():transform(df) end)
    local ct = prep():fit(df)
    checkerror("transform: no column named 'plan'",
      function() return ct:transform(df:drop("plan")) end)
    checkerror("bad argument #1 to 'fit' (DataFrame expected, got Matrix)",
      function() return prep():fit(df:to_matrix{"age"}) end)
  end)

  it("has help", function()
    local out = {}
    local saved = io.stdout
    io.stdout = {write = function(_, ...)
      for i = 1, select("#", ...) do out[#out + 1] = select(i, ...) end
    end}
    local ok, message = pcall(help, ml.ColumnTransformer)
    io.stdout = saved
    assert(ok, message)
    expect(table.concat(out)):to_match("^ml%.ColumnTransformer{{name, ")
  end)
end)
