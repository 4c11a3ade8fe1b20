-- The spec runner behind `nightjar test`: describe/it blocks, expect()
-- matchers and checkerror, ending with "N passed, N failed".
local pretty = require "nightjar.pretty"

local test = {}

local function show(value)
  return pretty.format(value, {width = 200, depth = 3, items = 20})
end

-- An error's text without the "file:line: " Lua puts in front.
local function strip_position(message)
  if type(message) ~= "string" then return message end
  return (message:gsub("^[^\n:]+:%d+: ", "", 1))
end
test.strip_position = strip_position

local function deep_equal(a, b, seen)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then
    return type(a) == "number" and type(b) == "number" and a ~= a
      and b ~= b  -- NaN equals NaN here
  end
  seen = seen or {}
  if seen[a] == b then return true end
  seen[a] = b
  for k, v in next, a do
    if not deep_equal(v, rawget(b, k), seen) then return false end
  end
  for k in next, b do
    if rawget(a, k) == nil then return false end
  end
  return true
end

local Expectation = {}
Expectation.__index = Expectation

local function fail(message)
  error(message, 3)
end

function Expectation:to_be(expected)
  if self.value ~= expected then
    fail("expected " .. show(expected) .. ", got " .. show(self.value))
  end
end

function Expectation:to_equal(expected)
  if not deep_equal(self.value, expected) then
    fail("expected " .. show(expected) .. ", got " .. show(self.value))
  end
end

function Expectation:to_be_near(expected, tolerance)
  tolerance = tolerance or 1e-12
  local value = self.value
  if type(value) ~= "number" or math.abs(value - expected) > tolerance then
    fail(string.format("expected %s within %g, got %s", show(expected),
                       tolerance, show(value)))
  end
end

function Expectation:to_be_truthy()
  if not self.value then fail("expected a true value, got " ..
                              show(self.value)) end
end

function Expectation:to_be_falsy()
  if self.value then fail("expected a false value, got " ..
                          show(self.value)) end
end

function Expectation:to_match(pattern)
  if type(self.value) ~= "string" or not self.value:find(pattern) then
    fail("expected a string matching " .. show(pattern) .. ", got " ..
         show(self.value))
  end
end

function Expectation:to_be_a(kind)
  if type(self.value) ~= kind then
    fail("expected a " .. kind .. ", got " .. type(self.value))
  end
end

local function expect(value)
  return setmetatable({value = value}, Expectation)
end

-- checkerror(message, f, ...): f(...) must raise exactly message (the
-- position Lua adds in front is ignored).
local function checkerror(expected, f, ...)
  local ok, message = pcall(f, ...)
  if ok then
    error("expected the error " .. show(expected) .. ", got none", 2)
  end
  local text = strip_position(message)
  if text ~= expected then
    error("expected the error " .. show(expected) .. ", got " ..
          show(text), 2)
  end
end

-- Runs the spec files; prints failures as they come and a summary line.
-- Returns the counts of passed and failed cases.
function test.run(files, output)
  output = output or io.stdout
  local passed, failed = 0, 0
  local stack = {}
  local current_file

  local function describe(name, body)
    stack[#stack + 1] = name
    local ok, message = xpcall(body, debug.traceback)
    if not ok then
      failed = failed + 1
      output:write("FAIL ", current_file, ": ", table.concat(stack, " > "),
                   "\n  ", tostring(message), "\n")
    end
    stack[#stack] = nil
  end

  local function it(name, body)
    local ok, message = xpcall(body, function(m)
      return debug.traceback(tostring(m), 2)
    end)
    if ok then
      passed = passed + 1
    else
      failed = failed + 1
      local where = table.concat(stack, " > ")
      output:write("FAIL ", current_file, ": ", where,
                   where ~= "" and " > " or "", name, "\n  ",
                   (tostring(message):gsub("\n", "\n  ")), "\n")
    end
  end

  local saved = {}
  local globals = {describe = describe, it = it, expect = expect,
                   checkerror = checkerror}
  for name, value in pairs(globals) do
    saved[name] = rawget(_G, name)
    rawset(_G, name, value)
  end
  for _, file in ipairs(files) do
    current_file = file
    local before = passed + failed
    local chunk, message = loadfile(file, "t")
    if chunk then
      local ok, err = xpcall(chunk, debug.traceback)
      if not ok then chunk, message = nil, err end
    end
    if not chunk then
      failed = failed + 1
      output:write("FAIL ", file, "\n  ", tostring(message), "\n")
    end
    output:write(string.format("%s: %d cases\n", file,
                               passed + failed - before))
  end
  for name in pairs(globals) do rawset(_G, name, saved[name]) end
  output:write(string.format("%d passed, %d failed\n", passed, failed))
  return passed, failed
end

return test
