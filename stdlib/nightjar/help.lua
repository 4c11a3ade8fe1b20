-- Help texts written in Lua for the parts of nightjar defined in Lua.
-- The host's own texts live with each binding; this module holds the
-- texts of the command-line tools (the REPL's own commands).
local texts = {}

texts.repl = [[
At the prompt:
  expression          shows its value (tables nested, matrices summarised)
  statement; or expr; runs it without showing the result
  _                   the last result
  ?name               help(name): what name is and how to use it
  Tab                 completes names, fields, methods, and file names
                      inside a string
  Ctrl-C              cancels the line being typed or the running statement
  Ctrl-D              leaves]]

return texts
