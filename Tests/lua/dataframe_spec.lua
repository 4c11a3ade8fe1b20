-- ml.DataFrame and ml.read_csv from Lua: reading, fields, selection,
-- missing values, statistics, grouping, joins, writing, help texts and
-- every error message.

local DF = ml.DataFrame

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

-- A temporary file holding text; returns its path.
local function file(text)
  local path = os.tmpname()
  local handle = assert(io.open(path, "wb"))
  handle:write(text)
  handle:close()
  return path
end

local function people()
  return DF({id = {1, 2, 3, 4}, city = {"Lyon", "Nice", "Lyon", "Brest"},
             age = {30, 0 / 0, 25, 41}, member = {true, false, true, false}},
            {"id", "city", "age", "member"})
end

describe("building", function()
  it("takes columns of numbers, booleans or strings", function()
    local df = people()
    expect({df:shape()}):to_equal({4, 4})
    expect(#df):to_be(4)
    expect(df.columns):to_equal({"id", "city", "age", "member"})
    expect(df.dtypes):to_equal({id = "number", city = "text",
                                age = "number", member = "boolean"})
    expect(DF{b = {1}, a = {"x"}}.columns):to_equal({"a", "b"})
    expect(DF.from_table({b = {1}, a = {"x"}}, {"b", "a"}).columns)
      :to_equal({"b", "a"})
    expect({DF():shape()}):to_equal({0, 0})
  end)

  it("reports bad columns", function()
    checkerror("DataFrame: column 'a' mixes numbers and strings",
      function() return DF{a = {1, "x"}} end)
    checkerror("DataFrame: column 'a' element [2] is a table",
      function() return DF{a = {1, {}}} end)
    checkerror("DataFrame: column 'a' is a number, expected a table or a "
               .. "vector",
      function() return DF{a = 1} end)
    checkerror("DataFrame: column 'b' has 1 values but column 'a' has 2",
      function() return DF{a = {1, 2}, b = {3}} end)
    checkerror("DataFrame: order names 'c', which is not a column",
      function() return DF({a = {1}}, {"c"}) end)
    checkerror("bad argument #1 to 'DataFrame' (table expected, got number)",
      function() return ml.DataFrame(3) end)
  end)
end)

describe("fields", function()
  it("gives number columns as vectors and text as tables", function()
    local df = people()
    expect(tostring(df.id)):to_be(tostring(ml.Matrix{1, 2, 3, 4}))
    expect(df.id:totable()):to_equal({1, 2, 3, 4})
    expect(df["city"]):to_equal({"Lyon", "Nice", "Lyon", "Brest"})
    expect(df.member:totable()):to_equal({1, 0, 1, 0})
    local age = df.age
    expect(age:get(1)):to_be(30)
    expect(age:get(2) ~= age:get(2)):to_be(true)
    expect(df.nothing):to_be(nil)
    expect(df:column("id"):totable()):to_equal({1, 2, 3, 4})
    expect(df:column("city")[4]):to_be("Brest")
    expect(DF{}.columns):to_equal({})
    checkerror("column: no column named 'x'",
      function() return df:column("x") end)
    local holes = DF{t = {"a", "NA"}}
    expect(#holes.t):to_be(2)
  end)

  it("serves columns as y to models and metrics", function()
    local df = DF({x = {1, 2, 3, 4, 5, 6},
                   plan = {"a", "a", "a", "b", "b", "b"},
                   yes = {false, false, false, true, true, true}},
                  {"x", "plan", "yes"})
    local X = df:select("x"):to_matrix()
    local byPlan = ml.LogisticRegression():fit(X, df.plan)
    expect(byPlan:predict(X)):to_equal({"a", "a", "a", "b", "b", "b"})
    expect(ml.accuracy_score(df.plan, byPlan:predict(X))):to_be(1)
    local byFlag = ml.LogisticRegression():fit(X, df.yes)
    expect(byFlag:predict(X):totable()):to_equal({0, 0, 0, 1, 1, 1})
    expect(ml.accuracy_score(df.yes, byFlag:predict(X))):to_be(1)
    local line = ml.LinearRegression():fit(X, df.x * 2 + 1)
    expect(ml.r2_score(df.x * 2 + 1, line:predict(X))):to_be_near(1, 1e-12)
  end)

  it("sets, replaces and drops columns by assignment", function()
    local df = people()
    local same = df
    df.score = {1.5, 2.5, 3.5, 4.5}
    df.id = {"a", "b", "c", "d"}
    expect(same.columns):to_equal({"id", "city", "age", "member", "score"})
    expect(same.dtypes.id):to_be("text")
    df.double = df.score * 2
    expect(df.double:totable()):to_equal({3, 5, 7, 9})
    expect(DF{v = ml.Matrix{1, 2}}.v:totable()):to_equal({1, 2})
    checkerror("set column: column 'm' is a 2x2 matrix, expected a vector",
      function() df.m = ml.Matrix{{1, 2}, {3, 4}} end)
    checkerror("bad argument #3 to 'newindex' (table or Matrix expected, "
               .. "got number)", function() df.x = 1 end)
    df.city = nil
    expect(df.columns):to_equal({"id", "age", "member", "score", "double"})
    checkerror("set column: 'x' has 1 values but the frame has 4 rows",
      function() df.x = {1} end)
    checkerror("drop: no column named 'x'", function() df.x = nil end)
  end)

  it("prints as an aligned table", function()
    local df = DF({n = {1, 2.5}, t = {"a", "b"}}, {"n", "t"})
    expect(tostring(df)):to_be(table.concat({
      "        n     t",
      "   number  text",
      "1     1.0     a",
      "2     2.5     b",
      "[2 rows x 2 columns]"}, "\n"))
  end)
end)

describe("read_csv", function()
  it("reads types, quotes and missing values", function()
    local path = file('id,name,score,ok\n1,"Smith, J",1.5,true\n' ..
                      '2,"say ""hi""",NA,false\n3,,2,True\n')
    local df = ml.read_csv(path)
    expect(df.dtypes):to_equal({id = "number", name = "text",
                                score = "number", ok = "boolean"})
    expect(df.name):to_equal({"Smith, J", 'say "hi"'})
    expect(df.name[3]):to_be(nil)
    expect(df.ok:totable()):to_equal({1, 0, 1})
    os.remove(path)
  end)

  it("takes pandas' options", function()
    local path = file("# a comment\na;b;c\n1;x;3\n\n4;y;6\n7;z;9\n")
    local df = ml.read_csv(path, {sep = ";", comment = "#",
                                  usecols = {"a", 3}, nrows = 2})
    expect(df.columns):to_equal({"a", "c"})
    expect(df.c:totable()):to_equal({3, 6})
    df = ml.read_csv(path, {sep = ";", comment = "#",
                            skip_blank_lines = false})
    expect(#df):to_be(4)
    df = ml.read_csv(path, {sep = ";", comment = "#", header = false,
                            names = {"p", "q", "r"}})
    expect(df.p):to_equal({"a", "1", "4", "7"})
    df = ml.read_csv(path, {sep = ";", comment = "#",
                            dtype = {a = "text"}, threads = 1})
    expect(df.a):to_equal({"1", "4", "7"})
    os.remove(path)
    path = file("a,b\n-,NA\n2,x\n")
    df = ml.read_csv(path, {na_values = {"-"}})
    expect(df.a:get(1) ~= df.a:get(1)):to_be(true)
    expect(df.b[1]):to_be(nil)
    df = ml.read_csv(path, {na_values = "-", keep_default_na = false})
    expect(df.b):to_equal({"NA", "x"})
    os.remove(path)
  end)

  it("names the line of a malformed record", function()
    local path = file("a,b,c,d,e,f\n1,2,3,4,5,6\n1,2,3,4,5\n")
    checkerror("read_csv: " .. path .. ":3: expected 6 fields, got 5",
      function() return ml.read_csv(path) end)
    os.remove(path)
    path = file('a,b\n1,"open\n2,3\n')
    checkerror("read_csv: " .. path .. ":2: unterminated quoted field",
      function() return ml.read_csv(path) end)
    os.remove(path)
    path = file("")
    checkerror("read_csv: " .. path .. ": file is empty",
      function() return ml.read_csv(path) end)
    os.remove(path)
    path = file("age,name,age\n1,x,2\n")
    checkerror("read_csv: " .. path .. ": duplicate column name 'age'",
      function() return ml.read_csv(path) end)
    os.remove(path)
    checkerror("read_csv: no/such.csv: No such file or directory",
      function() return ml.read_csv("no/such.csv") end)
  end)

  it("checks its options", function()
    checkerror("bad argument #2 to 'read_csv' (unknown option 'sepp')",
      function() return ml.read_csv("x.csv", {sepp = ";"}) end)
    checkerror("bad argument #2 to 'read_csv' (option 'nrows' must be an "
               .. "integer, got string)",
      function() return ml.read_csv("x.csv", {nrows = "3"}) end)
    checkerror("bad argument #2 to 'read_csv' (option 'sep' must be one "
               .. 'character, got ";;")',
      function() return ml.read_csv("x.csv", {sep = ";;"}) end)
    checkerror("bad argument #2 to 'read_csv' (dtype of 'a' must be "
               .. '"number", "boolean" or "text")',
      function() return ml.read_csv("x.csv", {dtype = {a = "int"}}) end)
    checkerror("bad argument #2 to 'read_csv' (table expected, got string)",
      function() return ml.read_csv("x.csv", ";") end)
    checkerror("bad argument #1 to 'read_csv' (string expected, got no value)",
      function() return ml.read_csv() end)
  end)
end)

describe("selection", function()
  it("takes rows and columns", function()
    local df = people()
    expect(df:head(2).id:totable()):to_equal({1, 2})
    expect(df:tail(1).id:totable()):to_equal({4})
    expect(df:head().id:totable()):to_equal({1, 2, 3, 4})
    expect(df:select{"age", "id"}.columns):to_equal({"age", "id"})
    expect(df:select("city", "id").columns):to_equal({"city", "id"})
    expect(df:drop("age").columns):to_equal({"id", "city", "member"})
    expect(df:drop{"age", "id"}.columns):to_equal({"city", "member"})
    expect(df:rename{age = "years"}.columns)
      :to_equal({"id", "city", "years", "member"})
    expect(df:filter{true, false, false, true}.id:totable())
      :to_equal({1, 4})
    expect(df:filter(df.age:gt(28)).id:totable()):to_equal({1, 4})
    expect(df:filter(df.member).id:totable()):to_equal({1, 3})
  end)

  it("reports missing columns and bad arguments", function()
    local df = people()
    checkerror("select: no column named 'x'",
      function() return df:select{"id", "x"} end)
    checkerror("drop: no column named 'x'", function() return df:drop("x") end)
    checkerror("rename: duplicate column name 'id'",
      function() return df:rename{age = "id"} end)
    checkerror("filter: mask has 1 values but the frame has 4 rows",
      function() return df:filter{true} end)
    checkerror("bad argument #1 to 'drop' (string or table expected, got "
               .. "number)", function() return df:drop(1) end)
    checkerror("bad argument #1 to 'drop' (element [2] is a number, "
               .. "expected a string)", function() return df:drop{"a", 2} end)
    checkerror("bad argument #1 to 'filter' (element [1] is a number, "
               .. "expected a boolean)", function() return df:filter{1} end)
    checkerror("bad argument #1 to 'filter' (mask element [2] is missing "
               .. "(NaN), expected 1 or 0)",
      function() return df:filter(ml.Matrix{1, 0 / 0, 1, 0}) end)
    checkerror("bad argument #1 to 'filter' (mask element [1] is 2.0, "
               .. "expected 1 or 0)",
      function() return df:filter(df.id + 1) end)
    checkerror("bad argument #1 to 'filter' (mask must be a vector, got a "
               .. "2x2 matrix)",
      function() return df:filter(ml.Matrix{{1, 0}, {0, 1}}) end)
    checkerror("bad argument #1 to 'filter' (table or Matrix expected, got "
               .. "string)", function() return df:filter("age") end)
    checkerror("calling 'head' on bad self (DataFrame expected, got table)",
      function()
        local other = {head = df.head}
        return other:head()
      end)
  end)

  it("sorts by one or more columns", function()
    local df = people()
    expect(df:sort_values("age").id:totable()):to_equal({3, 1, 4, 2})
    expect(df:sort_values("age", false).id:totable()):to_equal({4, 1, 3, 2})
    expect(df:sort_values({"city", "age"}, {ascending = {true, false}}).id
             :totable()):to_equal({4, 1, 3, 2})
    checkerror("sort_values: no column named 'x'",
      function() return df:sort_values("x") end)
    checkerror("sort_values: 1 keys but 2 ascending flags",
      function() return df:sort_values("id", {ascending = {true, true}}) end)
    checkerror("bad argument #2 to 'sort_values' (option 'ascending' must "
               .. "be a boolean or a table of booleans, got number)",
      function() return df:sort_values("id", {ascending = 1}) end)
  end)
end)

describe("missing values", function()
  it("finds, drops and fills them", function()
    local df = people()
    expect(df:isna().age:totable()):to_equal({0, 1, 0, 0})
    expect(df:dropna().id:totable()):to_equal({1, 3, 4})
    expect(df:dropna{how = "all", subset = {"age"}}.id:totable())
      :to_equal({1, 3, 4})
    expect(df:fillna(0).age:totable()):to_equal({30, 0, 25, 41})
    expect(df:fillna{age = -1}.age:totable()):to_equal({30, -1, 25, 41})
    checkerror("fillna: column 'age' holds number values, not text",
      function() return df:fillna{age = "x"} end)
    checkerror("dropna: no column named 'x'",
      function() return df:dropna{subset = "x"} end)
    checkerror('bad argument #1 to \'dropna\' (option \'how\' must be "any" '
               .. 'or "all", got "some")',
      function() return df:dropna{how = "some"} end)
  end)
end)

describe("statistics", function()
  it("describes number columns as pandas", function()
    local summary = DF{x = {1, 2, 3, 4}}:describe()
    expect(summary.statistic)
      :to_equal({"count", "mean", "std", "min", "25%", "50%", "75%", "max"})
    local x = summary.x:totable()
    expect(x[1]):to_be(4)
    expect(x[2]):to_be(2.5)
    expect(x[3]):to_be_near(1.2909944487358056, 1e-15)
    expect(x[5]):to_be(1.75)
    checkerror("describe: the frame has no number columns",
      function() return DF{t = {"a"}}:describe() end)
  end)

  it("counts values", function()
    local counts = people():value_counts("city")
    expect(counts.city):to_equal({"Lyon", "Nice", "Brest"})
    expect(counts.count:totable()):to_equal({2, 1, 1})
    checkerror("value_counts: no column named 'x'",
      function() return people():value_counts("x") end)
  end)

  it("aggregates groups", function()
    local g = people():groupby("city")
    expect(tostring(g)):to_be("GroupBy(city: 3 groups)")
    local result = g:agg{age = {"mean", "count"}, id = "max"}
    expect(result.columns):to_equal({"city", "age_mean", "age_count",
                                     "id_max"})
    expect(result.city):to_equal({"Brest", "Lyon", "Nice"})
    expect(result.age_mean:get(2)):to_be(27.5)
    expect(result.id_max:totable()):to_equal({4, 3, 2})
    expect(g:sum().columns):to_equal({"city", "id_sum", "age_sum",
                                      "member_sum"})
    expect(g:agg("count").columns):to_equal({"city", "id_count",
                                             "age_count", "member_count"})
    expect(g:agg{"min", "max"}.columns)
      :to_equal({"city", "id_min", "id_max", "age_min", "age_max",
                 "member_min", "member_max"})
    checkerror("groupby: cannot take the mean of text column 'city'",
      function() return people():groupby("id"):agg{city = "mean"} end)
    checkerror("groupby: no column named 'x'",
      function() return people():groupby("x") end)
    checkerror("bad argument #1 to 'agg' (invalid option 'avg')",
      function() return g:agg{age = "avg"} end)
  end)
end)

describe("combining", function()
  it("merges on keys", function()
    local left = DF({k = {"x", "y", "x"}, a = {1, 2, 3}}, {"k", "a"})
    local right = DF({k = {"x", "z"}, a = {10, 20}}, {"k", "a"})
    local inner = left:merge(right, {on = "k"})
    expect(inner.columns):to_equal({"k", "a_x", "a_y"})
    expect(inner.a_x:totable()):to_equal({1, 3})
    local outer = left:merge(right, {how = "left", on = {"k"},
                                     suffixes = {"_l", "_r"}})
    expect(outer.a_l:totable()):to_equal({1, 2, 3})
    expect(#left:merge(right:drop("a"))):to_be(2)
    checkerror("merge: no column named 'q' in the left frame",
      function() return left:merge(right, {on = "q"}) end)
    checkerror('bad argument #2 to \'merge\' (option \'how\' must be "inner" '
               .. 'or "left", got "outer")',
      function() return left:merge(right, {how = "outer"}) end)
    checkerror("bad argument #1 to 'merge' (DataFrame expected, got table)",
      function() return left:merge({}) end)
  end)

  it("concatenates rows", function()
    local df = people()
    expect(ml.concat{df:head(1), df:tail(1)}.id:totable()):to_equal({1, 4})
    checkerror("concat: frame 2 has no column 'age'",
      function() return ml.concat{df, df:drop("age")} end)
    checkerror("bad argument #1 to 'concat' (element [2] is a number, "
               .. "expected a DataFrame)",
      function() return ml.concat{df, 3} end)
  end)
end)

describe("to_csv", function()
  it("writes a file read_csv reads back", function()
    local df = people()
    local path = os.tmpname()
    df:to_csv(path)
    local back = ml.read_csv(path)
    expect(back.columns):to_equal(df.columns)
    expect(back.city):to_equal(df.city)
    expect(back.member:totable()):to_equal(df.member:totable())
    df:to_csv(path, {sep = ";"})
    expect(ml.read_csv(path).id:totable()):to_equal({1, 2, 3, 4})
    os.remove(path)
    checkerror("to_csv: no/such/dir.csv: No such file or directory",
      function() df:to_csv("no/such/dir.csv") end)
  end)
end)

describe("help", function()
  it("documents the functions and methods", function()
    expect(captured(help, ml.read_csv)):to_match("^ml%.read_csv%(path")
    expect(captured(help, ml.DataFrame)):to_match("^ml%.DataFrame{")
    expect(captured(help, ml.concat)):to_match("^ml%.concat%(frames%)")
    local text = captured(help, people())
    expect(text):to_match("df:sort_values%(by %[, options%]%)")
    expect(text):to_match("df:groupby%(keys%)")
    expect(captured(help, people().head)):to_match("^df:head%(%[n%]%)")
    expect(captured(help, people():groupby("id")))
      :to_match("g:agg%(spec%)")
    expect(captured(help, ml)):to_match("read_csv")
  end)
end)
