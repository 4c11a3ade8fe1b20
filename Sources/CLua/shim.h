/* Lua 5.4's C API, as Debian's liblua5.4-dev installs it. */
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
