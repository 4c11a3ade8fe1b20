/* The plain-C twin of nightjar.internal.echo, for the per-call benchmark:
 * a Lua 5.4 C module whose echo(x) checks a number and returns it. */
#include <lua.h>
#include <lauxlib.h>

static int echo(lua_State *L) {
  lua_pushnumber(L, luaL_checknumber(L, 1));
  return 1;
}

int luaopen_echo_c(lua_State *L) {
  lua_newtable(L);
  lua_pushcfunction(L, echo);
  lua_setfield(L, -2, "echo");
  return 1;
}
