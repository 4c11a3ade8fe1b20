-- df:assign: columns from vectors, tables or a Lua function of each row.

describe("df:assign", function()
  local df = ml.DataFrame{a = {1, 2, 3}, b = {"x", "y", "z"}}

  it("computes columns row by row on a copy", function()
    local out = df:assign{
      c = function(row, i) return row.a * 10 + i end,
      d = function(row) return row.b .. "!" end,
    }
    expect(out.c:totable()):to_equal({11, 22, 33})
    expect(out.d):to_equal({"x!", "y!", "z!"})
    local rows, cols = df:shape()
    expect(cols):to_be(2)
    rows, cols = out:shape()
    expect(cols):to_be(4)
  end)

  it("takes values as they are", function()
    local out = df:assign{a = ml.Matrix{7, 8, 9}}
    expect(out.a:totable()):to_equal({7, 8, 9})
    expect(df.a:totable()):to_equal({1, 2, 3})
  end)

  it("names what is wrong", function()
    checkerror("bad argument #1 to 'assign' (table expected, got no value)",
               function() df:assign() end)
    checkerror("bad argument #1 to 'assign' (column names must be strings)",
               function() df:assign{function() end} end)
  end)
end)
