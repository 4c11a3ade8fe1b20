-- Values as the REPL shows them: nested tables with sorted keys, cycles
-- marked, depth and width bounded, userdata through their __tostring.
local pretty = {}

local identifier = "^[%a_][%w_]*$"
local keywords = {}
for word in ([[and break do else elseif end false for function goto if in
  local nil not or repeat return then true until while]]):gmatch("%a+") do
  keywords[word] = true
end

-- ANSI colors by kind of value; empty when colors are off.
local palette = {
  number = "\27[36m", string = "\27[32m", boolean = "\27[35m",
  ["nil"] = "\27[2m", other = "\27[33m", reset = "\27[0m",
}

local function paint(options, kind, text)
  if not options.color then return text end
  return (palette[kind] or palette.other) .. text .. palette.reset
end

local function format_number(value)
  if math.type(value) == "integer" then return tostring(value) end
  if value ~= value then return "nan" end
  if value == math.huge then return "inf" end
  if value == -math.huge then return "-inf" end
  local text = string.format("%.14g", value)
  if not text:find("[.eEn]") then text = text .. ".0" end
  return text
end

-- Keys in display order: the sequence 1..n first (by position), then
-- numbers, then strings, then the rest, each group sorted.
local function ordered_keys(t)
  local n = #t
  local rank = {number = 1, string = 2}
  local rest = {}
  for k in next, t do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then
      rest[#rest + 1] = k
    end
  end
  table.sort(rest, function(a, b)
    local ra, rb = rank[type(a)] or 3, rank[type(b)] or 3
    if ra ~= rb then return ra < rb end
    if ra == 3 then return tostring(a) < tostring(b) end
    return a < b
  end)
  return n, rest
end

local function safe_tostring(value)
  local ok, text = pcall(tostring, value)
  if ok and type(text) == "string" then return text end
  return type(value) .. ": ?"
end

local format

local function format_key(key, options, seen, depth)
  if type(key) == "string" and key:match(identifier) and not keywords[key]
  then
    return key
  end
  return "[" .. format(key, options, seen, depth + 1, 0) .. "]"
end

-- Formats a table on one line when it fits in the width left, else one
-- entry per line, indented.
local function format_table(t, options, seen, depth, indent)
  if seen[t] then return paint(options, "other", "<cycle>") end
  if depth >= options.depth then return "{...}" end
  local mt = getmetatable(t)
  if type(mt) == "table" and rawget(mt, "__tostring") then
    return safe_tostring(t)
  end
  seen[t] = true
  local n, rest = ordered_keys(t)
  local items, limit = {}, options.items
  for i = 1, math.min(n, limit) do
    items[#items + 1] = format(rawget(t, i), options, seen, depth + 1,
                               indent + 2)
  end
  local shown = math.min(n, limit)
  for _, k in ipairs(rest) do
    if shown >= limit then break end
    shown = shown + 1
    items[#items + 1] = format_key(k, options, seen, depth) .. " = " ..
      format(rawget(t, k), options, seen, depth + 1, indent + 2)
  end
  local hidden = n + #rest - shown
  if hidden > 0 then items[#items + 1] = "... (" .. hidden .. " more)" end
  seen[t] = nil
  if #items == 0 then return "{}" end
  local line = "{" .. table.concat(items, ", ") .. "}"
  local visible = options.color and line:gsub("\27%[[%d;]*m", "") or line
  if #visible + indent <= options.width and not line:find("\n") then
    return line
  end
  local pad = string.rep(" ", indent + 2)
  return "{\n" .. pad .. table.concat(items, ",\n" .. pad) .. "\n" ..
    string.rep(" ", indent) .. "}"
end

function format(value, options, seen, depth, indent)
  local kind = type(value)
  if kind == "string" then
    local quoted = string.format("%q", value):gsub("\\\n", "\\n")
    return paint(options, "string", quoted)
  elseif kind == "number" then
    return paint(options, "number", format_number(value))
  elseif kind == "boolean" or kind == "nil" then
    return paint(options, kind, tostring(value))
  elseif kind == "table" then
    return format_table(value, options, seen, depth, indent)
  end
  return safe_tostring(value)
end

-- The text for one value. options: color (false), width (80), depth
-- (4), items (the most entries shown per table, 100).
function pretty.format(value, options)
  options = options or {}
  local full = {
    color = options.color or false,
    width = options.width or 80,
    depth = options.depth or 4,
    items = options.items or 100,
  }
  return format(value, full, {}, 0, 0)
end

return pretty
