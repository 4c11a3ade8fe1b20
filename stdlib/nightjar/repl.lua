-- The REPL's Lua side: compiling what was typed, showing results,
-- completing names. The host reads lines and runs the compiled chunks.
local pretty = require "nightjar.pretty"

local repl = {}

-- Set by the host from the terminal: colors on or off, its width.
repl.options = {color = false, width = 80, depth = 4, items = 100}

-- Compiles a statement or expression. Returns the function; or nil, the
-- message and true when the text is an unfinished statement (Lua's
-- syntax error ends in <eof>), so the host asks for another line.
function repl.compile(text)
  local chunk = load("return " .. text, "=stdin", "t")
  if chunk then return chunk end
  local message
  chunk, message = load(text, "=stdin", "t")
  if chunk then return chunk end
  if message:sub(-5) == "<eof>" then return nil, message, true end
  return nil, message, false
end

-- Shows the results of a statement, one per line, and keeps the first in
-- the global _ (as Python's REPL does).
function repl.show(...)
  local count = select("#", ...)
  if count == 0 then return end
  rawset(_G, "_", (...))
  local lines = {}
  for i = 1, count do
    lines[i] = pretty.format((select(i, ...)), repl.options)
  end
  io.stdout:write(table.concat(lines, "\n"), "\n")
end

-- Keeps the first result in _ without showing it (a line ending in ;).
function repl.keep(...)
  if select("#", ...) > 0 then rawset(_G, "_", (...)) end
end

-- A note when a top-level local will be gone after this line: each line
-- the REPL runs is a chunk of its own.
function repl.local_note(text)
  local names = text:match("^%s*local%s+function%s+([%a_][%w_]*)")
  if not names then
    names = text:match("^%s*local%s+([%a_][%w_%s,<>]*)")
    if names then
      names = names:gsub("<%s*%a+%s*>", ""):gsub("%s+", "")
        :gsub("=.*$", "")
    end
  end
  if not names or names == "" then return nil end
  return string.format(
    "note: local %s ends with this line; drop 'local' to keep it", names)
end

-- Fields visible through a value: its own keys when it is a table, then
-- those of its metatable's __index, followed as far as tables and
-- nightjar's method tables go. Never runs a metamethod.
local function visible_fields(value, found, depth)
  if depth > 8 then return end
  if type(value) == "table" then
    for k, v in next, value do
      if type(k) == "string" and found[k] == nil then found[k] = v end
    end
  end
  local mt = debug.getmetatable(value)
  if type(mt) ~= "table" then return end
  local index = rawget(mt, "__index")
  if type(index) == "function" and rawget(mt, "__nightjar") then
    local _, methods = debug.getupvalue(index, 1)
    index = methods
    local fields = rawget(mt, "__fields")
    if type(fields) == "table" then
      for name in next, fields do
        if found[name] == nil then found[name] = true end
      end
    end
  end
  if type(index) == "table" then visible_fields(index, found, depth + 1) end
end

local keywords = {"and", "break", "do", "else", "elseif", "end", "false",
  "for", "function", "goto", "if", "in", "local", "nil", "not", "or",
  "repeat", "return", "then", "true", "until", "while"}

-- Completions of the text before the cursor. Returns a list of whole
-- replacements for the word being typed and the word's length; or, inside
-- a string literal, the string "file" and the partial path, for the host
-- to complete file names.
function repl.complete(line)
  local quotes = 0
  local quote_start
  for position, quote in line:gmatch("()([\"'])") do
    if not quote_start or line:sub(quote_start, quote_start) == quote then
      quotes = quotes + 1
      quote_start = quotes % 2 == 1 and position or nil
    end
  end
  if quote_start then return "file", line:sub(quote_start + 1) end
  local start = line:find("[%a_][%w_%.:]*$")
  local word = start and line:sub(start) or ""
  -- After a call or an index (f().x, t[1]:m) the value is unknown
  -- without running code: offer nothing.
  local before = start and line:sub(start - 1, start - 1) or ""
  if before == "." or before == ":" or (word == "" and
    line:match("[%w_%.:%)%]]$")) then
    return {}, 0
  end
  local path, separator, partial = word:match("^(.-)([%.:]?)([%w_]*)$")
  local found = {}
  if separator == "" then
    visible_fields(_G, found, 0)
    for _, keyword in ipairs(keywords) do found[keyword] = found[keyword]
      or true end
  else
    local value = _G
    for part in path:gmatch("[^%.:]+") do
      local fields = {}
      visible_fields(value, fields, 0)
      value = fields[part]
      if value == nil then return {}, #word end
    end
    visible_fields(value, found, 0)
  end
  local matches = {}
  for name, value in pairs(found) do
    if name:sub(1, #partial) == partial and name:match("^[%a_][%w_]*$")
      and (separator ~= ":" or type(value) == "function") then
      local suffix = type(value) == "function" and "(" or ""
      matches[#matches + 1] = path .. separator .. name .. suffix
    end
  end
  table.sort(matches)
  return matches, #word
end

return repl
