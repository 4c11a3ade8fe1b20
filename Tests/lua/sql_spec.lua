-- ml.read_sql and df:to_sql from Lua: round trips through an SQLite
-- file, parameters, if_exists, transactions and every error message.

local DF = ml.DataFrame

-- A fresh database path in the temporary folder (no file there yet).
local function database()
  local path = os.tmpname()
  os.remove(path)
  return path .. ".db"
end

local function orders()
  return DF({id = {1, 2, 3}, city = {"Lyon", "Nice", "Lyon"},
             total = {12.5, 0 / 0, 3}, paid = {true, false, true}},
            {"id", "city", "total", "paid"})
end

describe("round trips", function()
  it("writes a frame and reads it back as it was", function()
    local path, df = database(), orders()
    expect(rawequal(df:to_sql(path, "orders"), df)):to_be(true)
    local back = ml.read_sql(path, "SELECT * FROM orders")
    expect(tostring(back)):to_be(tostring(df))
    expect(back.dtypes):to_equal(df.dtypes)
    expect(back.columns):to_equal({"id", "city", "total", "paid"})
    expect(ml.read_sql(path, "SELECT city FROM orders WHERE id = 2").city)
      :to_equal({"Nice"})
    os.remove(path)
  end)

  it("reads NULL as missing and keeps declared types of empty results",
     function()
    local path = database()
    orders():to_sql(path, "orders")
    local none = ml.read_sql(path, "SELECT * FROM orders WHERE id < 0")
    expect({none:shape()}):to_equal({0, 4})
    expect(none.dtypes):to_equal({id = "number", city = "text",
                                  total = "number", paid = "boolean"})
    local mixed = ml.read_sql(
      path, "SELECT CASE WHEN id = 1 THEN 'x' WHEN id = 2 THEN NULL "
        .. "ELSE id END AS m FROM orders")
    local m = mixed.m
    expect(m[1]):to_be("x")
    expect(m[2]):to_be(nil)
    expect(m[3]):to_be("3")
    os.remove(path)
  end)
end)

describe("parameters", function()
  it("binds numbers, strings and booleans to ? in order", function()
    local path = database()
    orders():to_sql(path, "orders")
    local rows = ml.read_sql(
      path, "SELECT id FROM orders WHERE city = ? AND id > ? AND paid = ?",
      {"Lyon", 1, true})
    expect(#rows):to_be(1)
    expect(tostring(rows)):to_be(tostring(DF{id = {3}}))
    os.remove(path)
  end)

  it("reports bad parameters", function()
    local path = database()
    orders():to_sql(path, "orders")
    checkerror("bad argument #3 to 'read_sql' (parameter [2] is nil: SQL "
               .. "NULL cannot be passed, write IS NULL in the query)",
      function() return ml.read_sql(path, "SELECT ?, ?, ?", {1, nil, 3}) end)
    checkerror("bad argument #3 to 'read_sql' (parameters must be a list, "
               .. "got key 'city')",
      function() return ml.read_sql(path, "SELECT ?", {city = "x"}) end)
    checkerror("bad argument #3 to 'read_sql' (parameter [1] is a table, "
               .. "expected a number, string or boolean)",
      function() return ml.read_sql(path, "SELECT ?", {{}}) end)
    checkerror("bad argument #3 to 'read_sql' (table expected, got number)",
      function() return ml.read_sql(path, "SELECT ?", 1) end)
    checkerror("read_sql: the query takes 1 parameter, got 2",
      function() return ml.read_sql(path, "SELECT ?", {1, 2}) end)
    os.remove(path)
  end)
end)

describe("if_exists", function()
  it("fails, replaces or appends", function()
    local path, df = database(), orders()
    df:to_sql(path, "orders")
    checkerror("to_sql: table 'orders' already exists (use if_exists = "
               .. '"replace" or "append")',
      function() return df:to_sql(path, "orders") end)
    df:to_sql(path, "orders", {if_exists = "append"})
    expect(#ml.read_sql(path, "SELECT * FROM orders")):to_be(6)
    DF{n = {7}}:to_sql(path, "orders", {if_exists = "replace"})
    expect(ml.read_sql(path, "SELECT * FROM orders").columns)
      :to_equal({"n"})
    checkerror("to_sql: " .. path .. ": table orders has no column named id",
      function() return df:to_sql(path, "orders", {if_exists = "append"}) end)
    expect(#ml.read_sql(path, "SELECT * FROM orders")):to_be(1)
    checkerror("bad argument #3 to 'to_sql' (option 'if_exists' must be "
               .. '"fail", "replace" or "append", got "merge")',
      function() return df:to_sql(path, "orders", {if_exists = "merge"}) end)
    checkerror("bad argument #3 to 'to_sql' (unknown option 'index')",
      function() return df:to_sql(path, "orders", {index = false}) end)
    os.remove(path)
  end)
end)

describe("errors", function()
  it("names the file and gives SQLite's reason", function()
    local path = database()
    checkerror("read_sql: " .. path .. ": No such file or directory",
      function() return ml.read_sql(path, "SELECT 1") end)
    expect(io.open(path)):to_be(nil)
    orders():to_sql(path, "orders")
    checkerror("read_sql: " .. path .. ": no such table: customers",
      function() return ml.read_sql(path, "SELECT * FROM customers") end)
    checkerror("read_sql: " .. path .. ': near "FORM": syntax error',
      function() return ml.read_sql(path, "SELECT * FORM orders") end)
    checkerror("read_sql: " .. path .. ": attempt to write a readonly "
               .. "database",
      function() return ml.read_sql(path, "DELETE FROM orders") end)
    checkerror("read_sql: the query holds more than one statement (run "
               .. "them one at a time)",
      function() return ml.read_sql(path, "SELECT 1; SELECT 2") end)
    checkerror("read_sql: the query holds no statement",
      function() return ml.read_sql(path, "") end)
    checkerror("to_sql: no/such/dir.db: No such file or directory",
      function() return orders():to_sql("no/such/dir.db", "t") end)
    checkerror("bad argument #2 to 'read_sql' (string expected, got no "
               .. "value)",
      function() return ml.read_sql(path) end)
    os.remove(path)
  end)
end)
