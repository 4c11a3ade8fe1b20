-- ml.Matrix from Lua: construction, access, arithmetic, reductions, shape
-- changes, linear algebra, files, help texts and every error message.

local M = ml.Matrix

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

-- Every element of m near the matching number of the nested table t.
local function expect_values(m, t, tolerance)
  local got = m:totable()
  expect(#got):to_be(#t)
  for i = 1, #t do
    if type(t[i]) == "table" then
      expect(#got[i]):to_be(#t[i])
      for j = 1, #t[i] do
        expect(got[i][j]):to_be_near(t[i][j], tolerance or 1e-12)
      end
    else
      expect(got[i]):to_be_near(t[i], tolerance or 1e-12)
    end
  end
end

describe("construction", function()
  it("reads nested rows, a flat table with a shape, and a vector", function()
    local m = M{{1, 2, 3}, {4, 5, 6}}
    expect({m:shape()}):to_equal({2, 3})
    expect(m:totable()):to_equal({{1, 2, 3}, {4, 5, 6}})
    local f = M({1, 2, 3, 4, 5, 6}, 3, 2)
    expect(f:totable()):to_equal({{1, 2}, {3, 4}, {5, 6}})
    local v = M{1, 2, 3}
    expect(v:shape()):to_be(3)
    expect(select("#", v:shape())):to_be(1)
    expect(v:totable()):to_equal({1, 2, 3})
    expect(M{}:shape()):to_be(0)
    expect(M(m):totable()):to_equal(m:totable())
  end)

  it("rejects ragged rows and non-numbers with their position", function()
    checkerror("Matrix: row 2 has 3 numbers, expected 2",
      function() return M{{1, 2}, {3, 4, 5}} end)
    checkerror("Matrix: row 3 has 1 number, expected 2",
      function() return M{{1, 2}, {3, 4}, {5}} end)
    checkerror("Matrix: element [1][2] is a string, expected a number",
      function() return M{{1, "2"}} end)
    checkerror("Matrix: element [3] is a boolean, expected a number",
      function() return M{1, 2, true} end)
    checkerror("Matrix: element [2] is a table, expected a number",
      function() return M{1, {2}} end)
    checkerror("Matrix: row 2 is a number, expected a table",
      function() return M{{1}, 2} end)
    checkerror("Matrix: 5 values cannot fill a 2x3 matrix (6 needed)",
      function() return M({1, 2, 3, 4, 5}, 2, 3) end)
    checkerror("bad argument #1 to 'Matrix' (table expected, got number)",
      function() return ml.Matrix(3) end)
  end)

  it("makes constants, identities and ranges", function()
    expect(M.zeros(2, 3):totable()):to_equal({{0, 0, 0}, {0, 0, 0}})
    expect(M.zeros(2):totable()):to_equal({0, 0})
    expect(M.ones(1, 2):totable()):to_equal({{1, 1}})
    expect(M.full(2, 1, 7):totable()):to_equal({{7}, {7}})
    expect(M.full(3, 7):totable()):to_equal({7, 7, 7})
    expect(M.eye(2):totable()):to_equal({{1, 0}, {0, 1}})
    expect(M.eye(2, 3):totable()):to_equal({{1, 0, 0}, {0, 1, 0}})
    expect(M.arange(4):totable()):to_equal({0, 1, 2, 3})
    expect(M.arange(1, 2, 0.25):totable()):to_equal({1, 1.25, 1.5, 1.75})
    expect(M.linspace(0, 1, 5):totable()):to_equal({0, 0.25, 0.5, 0.75, 1})
    expect(M.linspace(0, 1):shape()):to_be(50)
    checkerror("zeros: dimensions must not be negative, got -1x2",
      function() return M.zeros(-1, 2) end)
    checkerror("bad argument #1 to 'zeros' (number has no integer "
      .. "representation)", function() return M.zeros(2.5) end)
    checkerror("arange: step must not be 0",
      function() return M.arange(0, 1, 0) end)
    checkerror("linspace: count must not be negative, got -1",
      function() return M.linspace(0, 1, -1) end)
  end)

  it("draws seeded random values that repeat", function()
    local a = M.rand(3, 2, {seed = 42})
    local b = M.rand(3, 2, {seed = 42})
    expect(a:totable()):to_equal(b:totable())
    -- The first uniform of seed 42, pinned in the Core tests too.
    expect(a:get(1, 1)):to_be(0.08386297105988216)
    local n = M.randn(1000, {seed = 7, mean = 5, std = 2})
    expect(n:shape()):to_be(1000)
    expect(n:mean()):to_be_near(5, 0.2)
    expect(n:std()):to_be_near(2, 0.2)
    local u = M.rand(500, {seed = 1, low = -1, high = 1})
    expect(u:min() >= -1 and u:max() < 1):to_be(true)
    expect(M.randn(2, 2):shape()):to_be(2)
    checkerror("bad argument #3 to 'rand' (option 'seed' must be an "
      .. "integer)", function() return M.rand(2, 2, {seed = 1.5}) end)
    checkerror("bad argument #3 to 'randn' (option 'mean' must be a "
      .. "number, got string)",
      function() return M.randn(2, 2, {mean = "x"}) end)
    checkerror("bad argument #3 to 'rand' (table expected, got number)",
      function() return M.rand(2, 2, 5) end)
  end)

  it("builds from a Lua function and passes its errors on", function()
    local m = M.from_function(2, 3, function(i, j) return 10 * i + j end)
    expect(m:totable()):to_equal({{11, 12, 13}, {21, 22, 23}})
    checkerror("boom", function()
      return M.from_function(2, 2, function(i, j)
        if i == 2 then error("boom", 0) end
        return 0
      end)
    end)
    local object = {}
    local ok, err = pcall(M.from_function, 1, 1,
      function() error(object) end)
    expect(ok):to_be(false)
    expect(err):to_be(object)
    checkerror("from_function: f(1, 1) returned a string, expected a number",
      function() return M.from_function(1, 1, function() return "x" end) end)
    checkerror("bad argument #3 to 'from_function' (function expected, "
      .. "got no value)", function() return M.from_function(1, 1) end)
  end)
end)

describe("fields, length and display", function()
  it("has rows, cols, T and a length", function()
    local m = M{{1, 2, 3}, {4, 5, 6}}
    expect(m.rows):to_be(2)
    expect(m.cols):to_be(3)
    expect(#m):to_be(2)
    expect(m.T:totable()):to_equal({{1, 4}, {2, 5}, {3, 6}})
    local v = M{1, 2, 3, 4}
    expect(v.rows):to_be(1)
    expect(v.cols):to_be(4)
    expect(#v):to_be(4)
    expect(m.nothing):to_be(nil)
  end)

  it("prints the shape and the corner values", function()
    expect(tostring(M{{1, 2}, {3, 4}})):to_be("Matrix 2x2\n  1  2\n  3  4")
    expect(tostring(M{0.5, 1.25})):to_be("Vector (2)\n  0.50  1.25")
    local big = tostring(M.zeros(1000, 1000))
    expect(big:match("^Matrix 1000x1000\n")):to_be_truthy()
    expect(#big < 400):to_be(true)
  end)

  it("reports a freed matrix", function()
    local m = M.ones(2, 2)
    m:free()
    checkerror("attempt to use a released Matrix", function()
      return m:sum()
    end)
    expect(tostring(m)):to_be("Matrix (released)")
    do
      local closed <close> = M.ones(3)
      expect(closed:sum()):to_be(3.0)
    end
  end)
end)

describe("access", function()
  local m = M{{11, 12, 13}, {21, 22, 23}, {31, 32, 33}}

  it("gets and sets with indices from 1 and from the end", function()
    expect(m:get(1, 1)):to_be(11.0)
    expect(m:get(-1, -1)):to_be(33.0)
    expect(m:get(2, -3)):to_be(21.0)
    local c = m:copy()
    expect(c:set(1, 2, 0)):to_be(c)
    expect(c:get(1, 2)):to_be(0.0)
    expect(m:get(1, 2)):to_be(12.0)
    local v = M{5, 6, 7}
    expect(v:get(-1)):to_be(7.0)
    v:set(2, 0)
    expect(v:totable()):to_equal({5, 0, 7})
    checkerror("get: row index 4 out of range (1..3)",
      function() return m:get(4, 1) end)
    checkerror("get: column index -4 out of range (1..3)",
      function() return m:get(1, -4) end)
    checkerror("get: row index 0 out of range (1..3)",
      function() return m:get(0, 1) end)
    checkerror("get: a matrix needs a row and a column index",
      function() return m:get(1) end)
    checkerror("set: index 9 out of range (1..3)",
      function() return v:set(9, 1) end)
    checkerror("bad argument #3 to 'set' (number expected, got no value)",
      function() return m:set(1, 1) end)
    checkerror("bad argument #1 to 'get' (number expected, got string)",
      function() return m:get("a", 1) end)
    checkerror("bad argument #1 to 'get' (Matrix expected, got table)",
      function() return m.get({}, 1, 1) end)
    local impostor = {get = m.get}
    checkerror("calling 'get' on bad self (Matrix expected, got table)",
      function() return impostor:get(1, 1) end)
  end)

  it("takes rows and columns as vectors", function()
    expect(m:row(2):totable()):to_equal({21, 22, 23})
    expect(m:row(-1):totable()):to_equal({31, 32, 33})
    expect(m:col(3):totable()):to_equal({13, 23, 33})
    checkerror("row: row index 4 out of range (1..3)",
      function() return m:row(4) end)
    checkerror("col: column index 0 out of range (1..3)",
      function() return m:col(0) end)
  end)

  it("refuses to turn a huge matrix into Lua tables", function()
    checkerror("totable: a 1099511627776x0 matrix is too large for Lua "
      .. "tables (at most 67108864 elements)",
      function() return M.zeros(2^40, 0):totable() end)
  end)

  it("slices inclusive ranges", function()
    expect(m:slice(2, 3):totable()):to_equal({{21, 22, 23}, {31, 32, 33}})
    expect(m:slice(nil, 1, -2, nil):totable()):to_equal({{12, 13}})
    expect(m:slice(nil, nil, 2, 2):totable()):to_equal({{12}, {22}, {32}})
    expect(m:slice(3, 2).rows):to_be(0)
    expect(M{1, 2, 3, 4}:slice(2, -2):totable()):to_equal({2, 3})
    checkerror("slice: row index 9 out of range (1..3)",
      function() return m:slice(1, 9) end)
  end)

  it("indexes with lists, single indices and masks", function()
    expect(m:index({3, 1}):totable()):to_equal({{31, 32, 33}, {11, 12, 13}})
    expect(m:index(2):totable()):to_equal({{21, 22, 23}})
    expect(m:index(nil, {-1, 1}):totable())
      :to_equal({{13, 11}, {23, 21}, {33, 31}})
    expect(m:index(M{1, 0, 1}, {2}):totable()):to_equal({{12}, {32}})
    expect(m:index(m:gt(30)):totable()):to_equal({31, 32, 33})
    local v = M{4, 5, 6}
    expect(v:index({3, 3, 1}):totable()):to_equal({6, 6, 4})
    expect(v:index(v:ge(5)):totable()):to_equal({5, 6})
    checkerror("index: row list element [2] is a string, expected an "
      .. "integer", function() return m:index({1, "x"}) end)
    checkerror("index: column list element [1] is a non-integer number, "
      .. "expected an integer", function() return m:index(nil, {1.5}) end)
    checkerror("index: row index 4 out of range (1..3)",
      function() return m:index({4}) end)
    checkerror("index: row mask has shape (2), expected (3)",
      function() return m:index(M{1, 0}) end)
    checkerror("index: row mask element 1 is 2, expected 0 or 1",
      function() return m:index(M{2, 0, 0}) end)
    checkerror("index: mask has shape 2x2, expected 3x3",
      function() return m:index(M.ones(2, 2)) end)
    checkerror("bad argument #1 to 'index' (table, number or Matrix "
      .. "expected, got string)", function() return m:index("x") end)
  end)
end)

describe("arithmetic", function()
  local a = M{{1, 2}, {3, 4}}

  it("is elementwise with numbers on either side", function()
    expect((a + 1):totable()):to_equal({{2, 3}, {4, 5}})
    expect((10 - a):totable()):to_equal({{9, 8}, {7, 6}})
    expect((a * a):totable()):to_equal({{1, 4}, {9, 16}})
    expect((2 * a):totable()):to_equal({{2, 4}, {6, 8}})
    expect((a / 2):totable()):to_equal({{0.5, 1}, {1.5, 2}})
    expect((12 / a):totable()):to_equal({{12, 6}, {4, 3}})
    expect((-a):totable()):to_equal({{-1, -2}, {-3, -4}})
    expect(a:add(1):totable()):to_equal((a + 1):totable())
    expect(a:sub(a):totable()):to_equal({{0, 0}, {0, 0}})
    expect(a:mul(2):totable()):to_equal({{2, 4}, {6, 8}})
    expect(a:div(a):totable()):to_equal({{1, 1}, {1, 1}})
  end)

  it("broadcasts rows, vectors and columns", function()
    expect((a + M{10, 20}):totable()):to_equal({{11, 22}, {13, 24}})
    expect((a - M({1, 2}, 2, 1)):totable()):to_equal({{0, 1}, {1, 2}})
    expect((M{1, 2} * M({1, 2}, 2, 1)):totable())
      :to_equal({{1, 2}, {2, 4}})
    local X = M.randn(50, 3, {seed = 3})
    local Z = (X - X:mean(1)) / X:std(1)
    expect_values(Z:mean(1), {0, 0, 0}, 1e-12)
    expect_values(Z:std(1), {1, 1, 1}, 1e-12)
  end)

  it("names both shapes when they do not broadcast", function()
    checkerror("add: shapes 2x2 and 3x1 do not broadcast",
      function() return a + M.ones(3, 1) end)
    checkerror("sub: shapes (3) and 2x2 do not broadcast",
      function() return M{1, 2, 3} - a end)
    checkerror("mul: shapes 2x2 and (3) do not broadcast",
      function() return a * M{1, 2, 3} end)
    checkerror("div: shapes 2x2 and 1x3 do not broadcast",
      function() return a / M.ones(1, 3) end)
    checkerror("bad argument #2 to 'add' (Matrix or number expected, "
      .. "got table)", function() return a + {} end)
    checkerror("bad argument #1 to 'sub' (Matrix or number expected, "
      .. "got table)", function() return {} - a end)
  end)

  it("changes in place and returns the matrix", function()
    local m = M{{1, 2}, {3, 4}}
    expect(m:add_(1)):to_be(m)
    expect(m:totable()):to_equal({{2, 3}, {4, 5}})
    m:sub_(M{1, 1}):mul_(M({1, 2}, 2, 1)):div_(2)
    expect(m:totable()):to_equal({{0.5, 1}, {3, 4}})
    expect(m:fill_(7)):to_be(m)
    expect(m:totable()):to_equal({{7, 7}, {7, 7}})
    expect(m:clip_(nil, 3)):to_be(m)
    expect(m:totable()):to_equal({{3, 3}, {3, 3}})
    checkerror("add_: shape 2x3 does not broadcast to 2x2",
      function() return m:add_(M.ones(2, 3)) end)
    checkerror("mul_: shape (3) does not broadcast to 2x2",
      function() return m:mul_(M{1, 2, 3}) end)
    checkerror("bad argument #1 to 'fill_' (number expected, got nil)",
      function() return m:fill_(nil) end)
  end)
end)

describe("elementwise functions and comparisons", function()
  local x = M{-2, -0.5, 0, 0.5, 2}

  it("computes the usual functions", function()
    expect_values(x:exp(), {math.exp(-2), math.exp(-0.5), 1,
      math.exp(0.5), math.exp(2)})
    expect_values(x:abs():log1p(), {math.log(3), math.log(1.5), 0,
      math.log(1.5), math.log(3)})
    expect_values(M{1, 4}:log(), {0, math.log(4)})
    expect_values(M{1, 4}:sqrt(), {1, 2})
    expect(x:abs():totable()):to_equal({2, 0.5, 0, 0.5, 2})
    expect(x:pow(2):totable()):to_equal({4, 0.25, 0, 0.25, 4})
    expect(M{2, 3}:pow(M{3, 2}):totable()):to_equal({8, 9})
    expect(x:clip(-1, 1):totable()):to_equal({-1, -0.5, 0, 0.5, 1})
    expect(x:clip(0):totable()):to_equal({0, 0, 0, 0.5, 2})
    expect(M{0.5, 1.5, 2.5, -0.5}:round():totable()):to_equal({0, 2, 2, -0})
    expect(M{1.2345}:round(2):totable()):to_equal({1.23})
    expect(x:floor():totable()):to_equal({-2, -1, 0, 0, 2})
    expect(x:ceil():totable()):to_equal({-2, -0, 0, 1, 2})
    local s = M{-1000, 0, 1000}:sigmoid():totable()
    expect(s):to_equal({0, 0.5, 1})
    checkerror("clip: lower bound 2 is greater than upper bound 1",
      function() return x:clip(2, 1) end)
  end)

  it("compares into 0/1 masks and tests for nan", function()
    expect(x:lt(0):totable()):to_equal({1, 1, 0, 0, 0})
    expect(x:le(0):totable()):to_equal({1, 1, 1, 0, 0})
    expect(x:gt(0):totable()):to_equal({0, 0, 0, 1, 1})
    expect(x:ge(0.5):totable()):to_equal({0, 0, 0, 1, 1})
    expect(x:eq(0):totable()):to_equal({0, 0, 1, 0, 0})
    expect(x:ne(0):totable()):to_equal({1, 1, 0, 1, 1})
    expect(x:eq(x):sum()):to_be(5.0)
    local n = M{0 / 0, 1, 1 / 0}
    expect(n:isnan():totable()):to_equal({1, 0, 0})
    expect(n:isfinite():totable()):to_equal({0, 1, 0})
    expect(n:eq(n):totable()):to_equal({0, 1, 1})
    checkerror("lt: shapes (5) and (2) do not broadcast",
      function() return x:lt(M{1, 2}) end)
    checkerror("bad argument #1 to 'gt' (Matrix or number expected, "
      .. "got no value)", function() return x:gt() end)
  end)

  it("chooses with ml.where", function()
    expect(ml.where(x:lt(0), 0, x):totable()):to_equal({0, 0, 0, 0.5, 2})
    expect(ml.where(M{1, 0}, M{1, 2}, M({10, 20}, 2, 1)):totable())
      :to_equal({{1, 10}, {1, 20}})
    checkerror("where: shapes (5), (2) and scalar do not broadcast",
      function() return ml.where(x, M{1, 2}, 0) end)
    checkerror("bad argument #1 to 'where' (Matrix expected, got number)",
      function() return ml.where(1, 2, 3) end)
  end)
end)

describe("products", function()
  local A = M{{1, 2}, {3, 4}, {5, 6}}

  it("multiplies matrices and vectors", function()
    expect(A:matmul(M{{1, 0}, {0, 1}}):totable()):to_equal(A:totable())
    expect(A.T:matmul(A):totable()):to_equal({{35, 44}, {44, 56}})
    expect(A:matmul(M{1, 1}):totable()):to_equal({3, 7, 11})
    expect(M{1, 1, 1}:matmul(A):totable()):to_equal({9, 12})
    expect(M{1, 2}:matmul(M{3, 4})):to_be(11.0)
    expect(M{1, 2}:dot(M{3, 4})):to_be(11.0)
    expect(A:dot(M{1, 1}):totable()):to_equal({3, 7, 11})
    expect(A:transpose():totable()):to_equal({{1, 3, 5}, {2, 4, 6}})
  end)

  it("names both shapes when they do not align", function()
    checkerror("matmul: shapes 3x2 and 3x2 do not align",
      function() return A:matmul(A) end)
    checkerror("matmul: shapes 3x2 and (3) do not align",
      function() return A:matmul(M{1, 2, 3}) end)
    checkerror("dot: shapes (2) and (3) do not align",
      function() return M{1, 2}:dot(M{1, 2, 3}) end)
    checkerror("dot: shapes 3x2 and 3x2 do not align",
      function() return A:dot(A) end)
    checkerror("bad argument #1 to 'matmul' (Matrix expected, got table)",
      function() return A:matmul({}) end)
  end)
end)

describe("reductions", function()
  local m = M{{1, 2, 3}, {4, 5, 9}}

  it("reduce all elements or along an axis", function()
    expect(m:sum()):to_be(24.0)
    expect(m:sum(1):totable()):to_equal({5, 7, 12})
    expect(m:sum(2):totable()):to_equal({6, 18})
    expect(m:mean()):to_be(4.0)
    expect(m:mean(2):totable()):to_equal({2, 6})
    expect(m:var()):to_be_near(20 / 3)
    expect(m:var(1):totable()):to_equal({2.25, 2.25, 9})
    expect(m:var(1, 1):totable()):to_equal({4.5, 4.5, 18})
    expect(m:var(1, {ddof = 1}):totable()):to_equal({4.5, 4.5, 18})
    expect(m:std({ddof = 1})):to_be_near(math.sqrt(8))
    expect(m:std(2):totable()[1]):to_be_near(math.sqrt(2 / 3))
    expect(m:min()):to_be(1.0)
    expect(m:max(1):totable()):to_equal({4, 5, 9})
    expect(m:min(2):totable()):to_equal({1, 4})
    expect(m:median()):to_be(3.5)
    expect(m:median(2):totable()):to_equal({2, 5})
    expect(m:quantile(0.25)):to_be_near(2.25)
    expect(m:quantile(0.5, 1):totable()):to_equal({2.5, 3.5, 6})
    expect(m:cumsum():totable()):to_equal({1, 3, 6, 10, 15, 24})
    expect(m:cumsum(1):totable()):to_equal({{1, 2, 3}, {5, 7, 12}})
    expect(m:cumsum(2):totable()):to_equal({{1, 3, 6}, {4, 9, 18}})
    expect(M{3, 4}:norm()):to_be(5.0)
    expect(M{3, 4}:norm(2)):to_be(5.0)
    expect(M{3, -4}:norm(1)):to_be(7.0)
    expect(M{3, -4}:norm("inf")):to_be(4.0)
    expect(m:norm(1)):to_be(12.0)
    expect(m:norm(math.huge)):to_be(18.0)
    expect(m:norm("fro")):to_be_near(math.sqrt(136))
  end)

  it("finds positions from 1", function()
    expect(m:argmax()):to_be(2)
    expect(select(2, m:argmax())):to_be(3)
    expect({m:argmin()}):to_equal({1, 1})
    expect(m:argmax(1):totable()):to_equal({2, 2, 2})
    expect(m:argmin(2):totable()):to_equal({1, 1})
    expect(M{3, 9, 9, 1}:argmax()):to_be(2)
  end)

  it("counts and tests truth", function()
    local z = M{{0, 1}, {0, 0}}
    expect(z:count_nonzero()):to_be(1.0)
    expect(z:count_nonzero(1):totable()):to_equal({0, 1})
    expect(z:any()):to_be(true)
    expect(z:all()):to_be(false)
    expect(z:any(2):totable()):to_equal({1, 0})
    expect(M.ones(2, 2):all(1):totable()):to_equal({1, 1})
    expect(M{}:all()):to_be(true)
  end)

  it("propagates nan and handles empty input", function()
    local n = M{1, 0 / 0, 3}
    expect(n:sum() ~= n:sum()):to_be(true)
    expect(n:max() ~= n:max()):to_be(true)
    expect(n:median() ~= n:median()):to_be(true)
    expect(M{}:sum()):to_be(0.0)
    expect(M{}:mean() ~= M{}:mean()):to_be(true)
    checkerror("min: empty input has no minimum",
      function() return M{}:min() end)
    checkerror("argmax: empty input has no maximum",
      function() return M.zeros(0, 2):argmax(1) end)
  end)

  it("checks axes, ddof and q", function()
    checkerror("bad argument #1 to 'sum' (axis must be 1 or 2, got 3)",
      function() return m:sum(3) end)
    checkerror("bad argument #1 to 'mean' (number expected, got string)",
      function() return m:mean("rows") end)
    checkerror("sum: a vector has only axis 1",
      function() return M{1, 2}:sum(2) end)
    checkerror("bad argument #1 to 'std' (option 'ddof' must be an "
      .. "integer)", function() return m:std({ddof = 0.5}) end)
    checkerror("std: ddof must not be negative, got -1",
      function() return m:std(1, -1) end)
    checkerror("var: ddof must not be negative, got -9223372036854775808",
      function() return m:var({ddof = math.mininteger}) end)
    checkerror("quantile: q must be in [0, 1], got 1.5",
      function() return m:quantile(1.5) end)
    checkerror("bad argument #1 to 'norm' (norm must be \"fro\", 1 or "
      .. "\"inf\")", function() return m:norm(2) end)
    checkerror("bad argument #1 to 'norm' (invalid option 'max')",
      function() return m:norm("max") end)
  end)
end)

describe("ordering", function()
  it("sorts, ranks stably and counts distinct values", function()
    local v = M{3, 1, 2, 1, 0 / 0}
    local sorted = v:sort():totable()
    expect({sorted[1], sorted[2], sorted[3], sorted[4]})
      :to_equal({1, 1, 2, 3})
    expect(sorted[5] ~= sorted[5]):to_be(true)
    expect(v:argsort():totable()):to_equal({2, 4, 3, 1, 5})
    local values, counts = M{2, 1, 2, 2}:unique()
    expect(values:totable()):to_equal({1, 2})
    expect(counts:totable()):to_equal({1, 3})
    local m = M{{3, 1}, {1, 2}}
    expect(m:sort():totable()):to_equal({1, 1, 2, 3})
    expect(m:sort(1):totable()):to_equal({{1, 1}, {3, 2}})
    expect(m:sort(2):totable()):to_equal({{1, 3}, {1, 2}})
    expect(m:argsort(2):totable()):to_equal({{2, 1}, {1, 2}})
  end)
end)

describe("shape changes", function()
  local m = M{{1, 2, 3}, {4, 5, 6}}

  it("reshapes and flattens", function()
    expect(m:reshape(3, 2):totable()):to_equal({{1, 2}, {3, 4}, {5, 6}})
    expect(m:reshape(-1, 1).rows):to_be(6)
    expect(m:reshape(6):totable()):to_equal({1, 2, 3, 4, 5, 6})
    expect(m:flatten():totable()):to_equal({1, 2, 3, 4, 5, 6})
    checkerror("reshape: cannot reshape 2x3 into 4x2",
      function() return m:reshape(4, 2) end)
    checkerror("reshape: only one dimension can be -1",
      function() return m:reshape(-1, -1) end)
    checkerror("reshape: cannot reshape 2x3 into (5)",
      function() return m:reshape(5) end)
  end)

  it("stacks and joins", function()
    local v = M{7, 8}
    expect(ml.hstack{m, v}:totable()):to_equal({{1, 2, 3, 7}, {4, 5, 6, 8}})
    expect(ml.hstack{v, v}:totable()):to_equal({7, 8, 7, 8})
    expect(ml.vstack{m, M{0, 0, 0}}:totable())
      :to_equal({{1, 2, 3}, {4, 5, 6}, {0, 0, 0}})
    expect(ml.concat({m, m}):shape()):to_be(4)
    expect(select(2, ml.concat({m, m}, 2):shape())):to_be(6)
    expect(ml.concat({v, v}):totable()):to_equal({7, 8, 7, 8})
    checkerror("hstack: shapes 2x3 and 3x1 have different row counts",
      function() return ml.hstack{m, M.ones(3, 1)} end)
    checkerror("vstack: shapes 2x3 and (2) have different column counts",
      function() return ml.vstack{m, v} end)
    checkerror("hstack: element [2] is a number, expected a Matrix",
      function() return ml.hstack{m, 3} end)
    checkerror("hstack: nothing to stack", function() return ml.hstack{} end)
    checkerror("concat: vectors have only axis 1",
      function() return ml.concat({v, v}, 2) end)
    checkerror("bad argument #1 to 'vstack' (table expected, got Matrix)",
      function() return ml.vstack(m) end)
  end)

  it("inserts, repeats and tiles", function()
    expect(m:insert(1, 0):totable()):to_equal({{0, 0, 0}, {1, 2, 3},
      {4, 5, 6}})
    expect(m:insert(4, 1, 2):totable()):to_equal({{1, 2, 3, 1},
      {4, 5, 6, 1}})
    expect(m:insert(2, M{9, 9}, 2):totable()):to_equal({{1, 9, 2, 3},
      {4, 9, 5, 6}})
    expect(M{1, 2}:insert(3, M{3, 4}):totable()):to_equal({1, 2, 3, 4})
    checkerror("insert: position 5 out of range (1..3)",
      function() return m:insert(5, 0) end)
    checkerror("insert: shapes 2x3 and (2) do not align",
      function() return m:insert(1, M{1, 2}) end)
    expect(M{1, 2}:rep(2):totable()):to_equal({1, 1, 2, 2})
    expect(M{1, 2}["repeat"](M{1, 2}, 3):totable())
      :to_equal({1, 1, 1, 2, 2, 2})
    expect(m:rep(2, 1).rows):to_be(4)
    expect(m:rep(2, 2):totable()):to_equal({{1, 1, 2, 2, 3, 3},
      {4, 4, 5, 5, 6, 6}})
    checkerror("repeat: count must not be negative, got -1",
      function() return m:rep(-1) end)
    expect(M{1, 2}:tile(3):totable()):to_equal({1, 2, 1, 2, 1, 2})
    expect(M{{1, 2}}:tile(2, 2):totable()):to_equal({{1, 2, 1, 2},
      {1, 2, 1, 2}})
    checkerror("bad argument #2 to 'tile' (number expected, got no value)",
      function() return m:tile(2) end)
  end)
end)

describe("linear algebra", function()
  local A = M{{4, 1, 0}, {1, 3, 1}, {0, 1, 2}}
  local b = M{1, 2, 3}

  it("solves, inverts and takes determinants", function()
    local x = ml.solve(A, b)
    expect_values(A:matmul(x), {1, 2, 3}, 1e-12)
    expect_values(A:solve(b), x:totable(), 0)
    local X = ml.solve(A, M{{1, 0}, {0, 1}, {1, 1}})
    expect(X.cols):to_be(2)
    expect_values(A:matmul(ml.inv(A)), {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
      1e-12)
    expect(ml.det(M{{1, 2}, {3, 4}})):to_be_near(-2)
    expect(A:det()):to_be_near(18)
    checkerror("solve: matrix is singular",
      function() return ml.solve(M{{1, 2}, {2, 4}}, M{1, 2}) end)
    checkerror("solve: matrix must be square, got 2x3",
      function() return ml.solve(M.ones(2, 3), M{1, 2}) end)
    checkerror("solve: shapes 3x3 and (2) do not align",
      function() return ml.solve(A, M{1, 2}) end)
    checkerror("inv: matrix is singular",
      function() return ml.inv(M{{1, 2}, {2, 4}}) end)
    checkerror("det: matrix must be square, got (3)",
      function() return ml.det(b) end)
    checkerror("solve: input contains NaN or infinity",
      function() return ml.solve(A, M{1, 0 / 0, 1}) end)
    checkerror("bad argument #2 to 'solve' (Matrix expected, got no value)",
      function() return ml.solve(A) end)
  end)

  it("fits least squares like NumPy", function()
    local X = M{{1, 0}, {1, 1}, {1, 2}, {1, 3}}
    local y = M{1, 3, 5, 7.5}
    local coef, residuals, rank, singular = ml.lstsq(X, y)
    expect_values(coef, {0.9, 2.15}, 1e-12)
    expect(residuals:shape()):to_be(1)
    expect(residuals:get(1)):to_be_near(0.075, 1e-12)
    expect(rank):to_be(2)
    expect(singular:shape()):to_be(2)
    local deficient = M{{1, 1}, {1, 1}}
    local _, empty, low = ml.lstsq(deficient, M{1, 2})
    expect(low):to_be(1)
    expect(empty:shape()):to_be(0)
    checkerror("lstsq: shapes 4x2 and (3) do not align",
      function() return ml.lstsq(X, M{1, 2, 3}) end)
  end)

  it("factors: cholesky, qr, svd, eigh", function()
    local L = ml.cholesky(A)
    expect_values(L:matmul(L.T), A:totable(), 1e-12)
    expect(L:get(1, 2)):to_be(0.0)
    checkerror("cholesky: matrix is not positive definite",
      function() return ml.cholesky(M{{1, 2}, {2, 1}}) end)
    local B = M{{1, 2}, {3, 4}, {5, 6}}
    local Q, R = ml.qr(B)
    expect({Q:shape()}):to_equal({3, 2})
    expect({R:shape()}):to_equal({2, 2})
    expect_values(Q:matmul(R), B:totable(), 1e-12)
    expect_values(Q.T:matmul(Q), {{1, 0}, {0, 1}}, 1e-12)
    local U, S, Vt = ml.svd(B)
    expect({U:shape()}):to_equal({3, 2})
    expect_values((U * S):matmul(Vt), B:totable(), 1e-12)
    local Uf = B:svd({full = true})
    expect({Uf:shape()}):to_equal({3, 3})
    local values, vectors = ml.eigh(A)
    expect(values:get(1) <= values:get(2)):to_be(true)
    expect_values(A:matmul(vectors:col(3)),
      (vectors:col(3) * values:get(3)):totable(), 1e-12)
    checkerror("eigh: matrix must be square, got 3x2",
      function() return ml.eigh(B) end)
    checkerror("qr: expected a matrix, got (3)", function() return ml.qr(b) end)
  end)
end)

describe("files", function()
  it("saves and loads exactly, and writes CSV", function()
    local path = os.tmpname()
    local m = M.randn(4, 3, {seed = 5})
    expect(m:save(path)):to_be(m)
    local back = M.load(path)
    expect(back:totable()):to_equal(m:totable())
    M{1, 0 / 0, 2.5}:to_csv(path, {"x"})
    local f = assert(io.open(path))
    expect(f:read("a")):to_be("x\n1\n\n2.5\n")
    f:close()
    M{{1, 2}}:to_csv(path)
    f = assert(io.open(path))
    expect(f:read("a")):to_be("1,2\n")
    f:close()
    checkerror("load: " .. path .. ": not a nightjar matrix file",
      function() return M.load(path) end)
    os.remove(path)
    checkerror("load: /no/such/file.njmx: No such file or directory",
      function() return M.load("/no/such/file.njmx") end)
    checkerror("save: /no/such/dir/m.njmx: No such file or directory",
      function() return m:save("/no/such/dir/m.njmx") end)
    checkerror("to_csv: header has 1 name, matrix has 3 columns",
      function() return m:to_csv(path, {"a"}) end)
    checkerror("to_csv: header element [2] is a number, expected a string",
      function() return m:to_csv(path, {"a", 2, "c"}) end)
  end)
end)

describe("help", function()
  it("documents the class and every method", function()
    local text = captured(help, M)
    expect(text:match("^ml.Matrix%(values")):to_be_truthy()
    expect(text:find("ELEMENTWISE", 1, true)):to_be_truthy()
    local m = M{1}
    for _, name in ipairs({"shape", "get", "set", "totable", "row", "col",
        "slice", "index", "matmul", "dot", "transpose", "exp", "log",
        "log1p", "sqrt", "abs", "pow", "clip", "sigmoid", "round", "floor",
        "ceil", "lt", "le", "gt", "ge", "eq", "ne", "isnan", "isfinite",
        "sum", "mean", "var", "std", "min", "max", "argmin", "argmax",
        "median", "quantile", "cumsum", "norm", "count_nonzero", "any",
        "all", "sort", "argsort", "unique", "reshape", "flatten", "insert",
        "rep", "tile", "solve", "lstsq", "inv", "det", "cholesky", "qr",
        "svd", "eigh", "save", "to_csv", "add_", "sub_", "mul_", "div_",
        "fill_", "clip_", "copy", "add", "sub", "mul", "div"}) do
      local method = captured(help, m[name])
      expect(method:find("Example", 1, true) ~= nil):to_be(true)
    end
    for _, name in ipairs({"zeros", "ones", "full", "eye", "arange",
        "linspace", "rand", "randn", "from_function", "load"}) do
      expect(captured(help, M[name]):match("^ml%.Matrix%." .. name))
        :to_be_truthy()
    end
    for _, name in ipairs({"hstack", "vstack", "concat", "where", "solve",
        "lstsq", "inv", "det", "cholesky", "qr", "svd", "eigh"}) do
      expect(captured(help, ml[name]):match("^ml%." .. name)):to_be_truthy()
    end
  end)
end)
