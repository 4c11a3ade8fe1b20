-- The host's Lua side: ml.clock and ml.time, help, the REPL helpers and
-- the value printer.
local pretty = require "nightjar.pretty"
local repl = require "nightjar.repl"

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

describe("ml.clock", function()
  it("is monotonic and has sub-microsecond resolution", function()
    local a = ml.clock()
    local b = ml.clock()
    expect(b >= a):to_be(true)
    expect(math.type(a)):to_be("float")
    local distinct = 0
    local last = ml.clock()
    for _ = 1, 100 do
      local now = ml.clock()
      if now ~= last then distinct = distinct + 1 end
      last = now
    end
    expect(distinct > 50):to_be(true)
  end)
end)

describe("ml.time", function()
  it("returns the elapsed time and the function's results", function()
    local results
    local text = captured(function()
      results = table.pack(ml.time(function(x, y) return x + y, "z" end,
                                   2, 3))
    end)
    expect(results.n):to_be(3)
    expect(results[1] >= 0):to_be(true)
    expect(results[2]):to_be(5)
    expect(results[3]):to_be("z")
    expect(text):to_match("^elapsed: %d+%.%d%d%d [mu]?s\n$")
  end)

  it("passes errors on", function()
    checkerror("inner", function()
      ml.time(function() error("inner", 0) end)
    end)
  end)
end)

describe("help", function()
  it("lists ml by group", function()
    local text = captured(help, ml)
    expect(text):to_match("Host:\n  clock ")
  end)

  it("shows one function's text, by value or by name", function()
    expect(captured(help, ml.clock)):to_match("^ml%.clock%(%) %-> seconds")
    expect(captured(help, "clock")):to_match("^ml%.clock%(%)")
    expect(captured(help, "ml.time")):to_match("^ml%.time%(f, %.%.%.%)")
  end)

  it("says when there is none", function()
    expect(captured(help, print)):to_match("^no help for function: ")
    expect(captured(help, "nothing")):to_be('no help for "nothing"\n')
  end)

  it("has an introduction", function()
    expect(captured(help)):to_match("help%(ml%)")
  end)
end)

describe("pretty.format", function()
  it("writes scalars as Lua reads them", function()
    expect(pretty.format(3)):to_be("3")
    expect(pretty.format(2.0)):to_be("2.0")
    expect(pretty.format(0.1)):to_be("0.1")
    expect(pretty.format(1 / 0)):to_be("inf")
    expect(pretty.format(0 / 0)):to_be("nan")
    expect(pretty.format("a\nb")):to_be('"a\\nb"')
    expect(pretty.format(nil)):to_be("nil")
  end)

  it("sorts keys after the sequence", function()
    expect(pretty.format({3, 1, z = 1, a = 2, [10] = "x"}))
      :to_be('{3, 1, [10] = "x", a = 2, z = 1}')
    expect(pretty.format({["not id"] = 1, ["end"] = 2}))
      :to_be('{["end"] = 2, ["not id"] = 1}')
  end)

  it("marks cycles and bounds depth and width", function()
    local t = {}
    t.self = t
    expect(pretty.format(t)):to_be("{self = <cycle>}")
    expect(pretty.format({{{{{1}}}}})):to_be("{{{{{...}}}}}")
    local long = {}
    for i = 1, 150 do long[i] = i end
    expect(pretty.format(long, {width = 10000}))
      :to_match(", 100, %.%.%. %(50 more%)}$")
  end)

  it("breaks lines that do not fit", function()
    expect(pretty.format({alpha = 1, beta = 2}, {width = 12}))
      :to_be("{\n  alpha = 1,\n  beta = 2\n}")
  end)

  it("uses __tostring when a table has one", function()
    local t = setmetatable({}, {__tostring = function() return "T!" end})
    expect(pretty.format(t)):to_be("T!")
  end)
end)

describe("repl.compile", function()
  it("prefers an expression", function()
    local chunk = repl.compile("1 + 1")
    expect(chunk()):to_be(2)
  end)

  it("falls back to a statement", function()
    local chunk = repl.compile("x_from_spec = 5")
    chunk()
    expect(x_from_spec):to_be(5)
    x_from_spec = nil
  end)

  it("tells an unfinished statement from a wrong one", function()
    local chunk, message, incomplete = repl.compile("for i = 1, 2 do")
    expect(chunk):to_be(nil)
    expect(incomplete):to_be(true)
    expect(message):to_match("<eof>$")
    chunk, message, incomplete = repl.compile("x = = 1")
    expect(incomplete):to_be(false)
    expect(message):to_be("stdin:1: unexpected symbol near '='")
  end)
end)

describe("repl.complete", function()
  it("completes globals and keywords", function()
    local found = repl.complete("pri")
    expect(found):to_equal({"print("})
    found = repl.complete("whi")
    expect(found):to_equal({"while"})
  end)

  it("completes fields and methods without running metamethods", function()
    local touched = false
    spec_object = setmetatable({}, {__index = function()
      touched = true
    end})
    spec_object.alpha = 1
    local found, length = repl.complete("x = spec_object.al")
    expect(found):to_equal({"spec_object.alpha"})
    expect(length):to_be(#"spec_object.al")
    expect(touched):to_be(false)
    spec_object = nil
    expect(repl.complete("string.up")):to_equal({"string.upper("})
    expect(repl.complete("('x'):re")):to_equal({})
  end)

  it("offers a nightjar object's fields and methods", function()
    spec_model = ml.LogisticRegression()
    local found = repl.complete("spec_model.coe")
    expect(found):to_equal({"spec_model.coef_"})
    found = repl.complete("spec_model:fi")
    expect(found):to_equal({"spec_model:fit("})
    spec_model = nil
  end)

  it("walks a string's methods", function()
    spec_text = "abc"
    expect(repl.complete("spec_text:up")):to_equal({"spec_text:upper("})
    spec_text = nil
  end)

  it("asks the host for file names inside a string", function()
    local kind, partial = repl.complete("ml.read_csv('data/ch")
    expect(kind):to_be("file")
    expect(partial):to_be("data/ch")
  end)
end)

describe("repl.local_note", function()
  it("names the locals that will not survive the line", function()
    expect(repl.local_note("local a, b = 1, 2"))
      :to_be("note: local a,b ends with this line; drop 'local' to keep it")
    expect(repl.local_note("local function f() end"))
      :to_be("note: local f ends with this line; drop 'local' to keep it")
    expect(repl.local_note("x = 1")):to_be(nil)
  end)
end)

describe("checkerror", function()
  it("compares the message without its position", function()
    checkerror(
      "bad argument #2 to 'string.rep' (number expected, got no value)",
      string.rep, "x")
  end)

  it("fails when there is no error or another one", function()
    local ok = pcall(checkerror, "x", function() end)
    expect(ok):to_be(false)
    ok = pcall(checkerror, "x", error, "y")
    expect(ok):to_be(false)
  end)
end)
