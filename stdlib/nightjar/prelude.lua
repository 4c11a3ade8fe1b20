-- The Lua half of the ml table: help() and the functions best written in
-- Lua because they call back into Lua (ml.time).


-- The first line of a help text, for listings.
local function summary(text)
  return (text:match("^[^\n]*"))
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  return keys
end

-- Installs help, ml.time and friends; called once by the host with its
-- tables: ml, help texts by value, groups by name, methods by class name.
return function(ml, texts, groups, methods)
  local clock = ml.clock

  local function document(value, group, name, text)
    texts[value] = text
    if group then groups[name] = group end
  end

  function ml.time(f, ...)
    local start = clock()
    local results = table.pack(f(...))
    local elapsed = clock() - start
    local unit, scale = "s", 1
    if elapsed < 1e-3 then unit, scale = "us", 1e6
    elseif elapsed < 1 then unit, scale = "ms", 1e3 end
    io.stdout:write(string.format("elapsed: %.3f %s\n", elapsed * scale,
                                  unit))
    return elapsed, table.unpack(results, 1, results.n)
  end
  document(ml.time, "Host", "time", [[
ml.time(f, ...) -> seconds, f's results
  Runs f(...), prints the elapsed wall-clock time and returns it in
  seconds, followed by whatever f returned.
  Example: local dt, m = ml.time(model.fit, model, X, y)]])

  local function list_ml()
    local by_group = {}
    for name, group in pairs(groups) do
      by_group[group] = by_group[group] or {}
      table.insert(by_group[group], name)
    end
    local out = {"ml: nightjar's library. help(ml.NAME) for one name."}
    for _, group in ipairs(sorted_keys(by_group)) do
      local names = by_group[group]
      table.sort(names)
      out[#out + 1] = ""
      out[#out + 1] = group .. ":"
      local width = 0
      for _, name in ipairs(names) do width = math.max(width, #name) end
      for _, name in ipairs(names) do
        local text = texts[ml[name]]
        out[#out + 1] = string.format("  %-" .. width .. "s  %s", name,
          text and summary(text) or "")
      end
    end
    return table.concat(out, "\n")
  end

  local function method_list(class_name)
    local list = methods[class_name]
    if not list then return nil end
    local out = {"", "Methods:"}
    for _, name in ipairs(sorted_keys(list)) do
      local text = texts[list[name]]
      out[#out + 1] = "  " .. (text and summary(text) or name)
    end
    return table.concat(out, "\n")
  end

  -- The help text of a value, or nil.
  local function text_of(value)
    if value == ml then return list_ml() end
    local text = texts[value]
    if type(value) == "userdata" then
      local mt = debug.getmetatable(value)
      if mt and mt.__nightjar then
        text = texts[mt]
        local more = method_list(mt.__name)
        if text and more then text = text .. "\n" .. more end
      end
    elseif type(value) == "table" and text then
      for name, class in pairs(ml) do
        if class == value and methods[name] then
          text = text .. "\n" .. method_list(name)
        end
      end
    end
    return text
  end

  function help(value, ...)
    if select("#", ...) == 0 and value == nil then
      io.stdout:write([[
nightjar: Lua 5.4 with scikit-learn's vocabulary, on compiled Swift.
  help(ml)           every name in the library, by group
  help(ml.NAME)      one function or class: options, defaults, example
  help(object)       what a value is and its methods
  help("NAME")       the same as help(ml.NAME)
At the REPL, ?NAME is help(NAME).
]])
      return
    end
    local text
    if type(value) == "string" then
      text = text_of(ml[value])
      if not text then
        local found = ml
        for part in value:gmatch("[^.]+") do
          if part ~= "ml" then
            found = type(found) == "table" and rawget(found, part) or nil
          end
        end
        text = found ~= nil and text_of(found)
      end
    else
      text = text_of(value)
    end
    if not text then
      text = "no help for " .. (type(value) == "string"
        and string.format("%q", value) or tostring(value))
    end
    io.stdout:write(text, "\n")
  end
  require("nightjar.selection").install(ml, texts, document)

  -- df:assign{name = values or function(row, i)}: new columns computed
  -- in Lua, row by row (pandas' assign), on a copy of the frame.
  local frame_methods = methods.DataFrame
  if frame_methods then
    function frame_methods.assign(df, spec)
      if type(spec) ~= "table" then
        error(string.format("bad argument #1 to 'assign' (table expected, "
          .. "got %s)", spec == nil and "no value" or type(spec)), 2)
      end
      local names = df.columns
      local rows = df:shape()
      local columns
      local result = df:select(names)
      local keys = {}
      for key in pairs(spec) do
        if type(key) ~= "string" then
          error("bad argument #1 to 'assign' (column names must be "
            .. "strings)", 2)
        end
        keys[#keys + 1] = key
      end
      table.sort(keys)
      for _, key in ipairs(keys) do
        local value = spec[key]
        if type(value) == "function" then
          if not columns then
            columns = {}
            for _, name in ipairs(names) do
              local column = df[name]
              columns[name] = type(column) == "table" and column
                or column:totable()
            end
          end
          local out, row = {}, {}
          for i = 1, rows do
            for _, name in ipairs(names) do row[name] = columns[name][i] end
            out[i] = value(row, i)
          end
          value = out
        end
        result[key] = value
      end
      return result
    end
    texts[frame_methods.assign] = [[
df:assign{name = values | function(row, i), ...} -> DataFrame
  A copy of df with columns added or replaced: values as a vector or
  table, or computed by a Lua function of each row (a table of the
  row's values by column name, and its 1-based number).
  Example: df:assign{ratio = function(r) return r.charges / r.tenure end}]]
  end

  texts[help] = [[
help(value)
  Prints what value is and how to use it: help(ml) lists everything,
  help(ml.clock) one function, help(m) a matrix's methods.]]
end
