/* The C half of nightjar's Lua bridge (see include/nj_shim.h). */
#include "nj_shim.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

static nj_body dispatcher;
static void (*releaser)(void *object);

/* One Lua state runs on one thread, so one message buffer serves all. */
static char *error_text;
static size_t error_length;
static int error_argument;

int nj_upvalue_index(int i) { return lua_upvalueindex(i); }

void nj_set_host(lua_State *L, void *host) {
  *(void **)lua_getextraspace(L) = host;
}

void *nj_get_host(lua_State *L) { return *(void **)lua_getextraspace(L); }

void nj_set_dispatcher(nj_body body) { dispatcher = body; }

void nj_set_releaser(void (*release)(void *object)) { releaser = release; }

void nj_set_error(const char *message, size_t length, int argument) {
  char *copy = realloc(error_text, length + 1);
  if (copy == NULL) {  /* keep what fits: an error must still be raised */
    error_length = 0;
    error_argument = argument;
    return;
  }
  memcpy(copy, message, length);
  copy[length] = '\0';
  error_text = copy;
  error_length = length;
  error_argument = argument;
}

/* Runs the Swift body and raises on its behalf once it has returned. */
static int call_body(lua_State *L, void *context) {
  int result = dispatcher(L, context);
  if (result >= 0) return result;
  switch (result) {
    case NJ_RAISE_ARGUMENT:
      return luaL_argerror(L, error_argument,
                           error_length ? error_text : "?");
    case NJ_RAISE_VALUE:
      return lua_error(L);
    default:
      luaL_where(L, 1);                                   /* [+1] */
      lua_pushlstring(L, error_length ? error_text : "?",
                      error_length);                      /* [+1] */
      lua_concat(L, 2);                                   /* [-2, +1] */
      return lua_error(L);
  }
}

static int trampoline(lua_State *L) {
  return call_body(L, lua_touserdata(L, lua_upvalueindex(1)));
}

void nj_push_function(lua_State *L, void *context) {
  lua_pushlightuserdata(L, context);                      /* [+1] */
  lua_pushcclosure(L, trampoline, 1);                     /* [-1, +1] */
}

/* __index: upvalue 1 is the methods table, upvalue 2 the getter. */
static int index_method(lua_State *L) {
  lua_settop(L, 2);
  lua_pushvalue(L, 2);                                    /* [+1] key */
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)     /* [-1, +1] */
    return 1;
  lua_pop(L, 1);
  void *getter = lua_touserdata(L, lua_upvalueindex(2));
  if (getter == NULL) {
    lua_pushnil(L);
    return 1;
  }
  return call_body(L, getter);
}

void nj_push_index(lua_State *L, void *getter) {
  lua_pushlightuserdata(L, getter);                       /* [+1] */
  lua_pushcclosure(L, index_method, 2);                   /* [-2, +1] */
}

/* A box is a full userdata of one pointer; emptied before the release so
 * that a second call (a script calling __gc by hand) finds nothing. */
static int release_box(lua_State *L) {
  void **box = lua_touserdata(L, 1);
  if (box == NULL || lua_rawlen(L, 1) != sizeof(void *)) return 0;
  void *object = *box;
  *box = NULL;
  if (object != NULL && releaser != NULL) releaser(object);
  return 0;
}

void nj_push_release(lua_State *L) {
  lua_pushcfunction(L, release_box);                      /* [+1] */
}

void **nj_new_box(lua_State *L, const char *key) {
  void **box = lua_newuserdatauv(L, sizeof(void *), 0);   /* [+1] */
  *box = NULL;
  lua_getfield(L, LUA_REGISTRYINDEX, key);                /* [+1] */
  lua_setmetatable(L, -2);                                /* [-1] */
  return box;
}

int nj_box_at(lua_State *L, int idx, const void *metatable, void **object) {
  void **box = lua_touserdata(L, idx);
  if (box == NULL || lua_type(L, idx) != LUA_TUSERDATA) return NJ_BOX_WRONG_TYPE;
  if (!lua_getmetatable(L, idx)) return NJ_BOX_WRONG_TYPE;   /* [+1] */
  const void *found = lua_topointer(L, -1);
  lua_pop(L, 1);                                              /* [-1] */
  if (found != metatable) return NJ_BOX_WRONG_TYPE;
  if (*box == NULL) return NJ_BOX_RELEASED;
  *object = *box;
  return NJ_BOX_OK;
}

void *nj_any_box_at(lua_State *L, int idx) {
  if (lua_type(L, idx) != LUA_TUSERDATA) return NULL;
  if (lua_rawlen(L, idx) != sizeof(void *)) return NULL;
  if (!lua_getmetatable(L, idx)) return NULL;                 /* [+1] */
  lua_pushliteral(L, "__nightjar");                           /* [+1] */
  int ours = lua_rawget(L, -2) == LUA_TBOOLEAN;               /* [-1, +1] */
  lua_pop(L, 2);                                              /* [-2] */
  return ours ? *(void **)lua_touserdata(L, idx) : NULL;
}

/* ---------------------------------------------------------------- Ctrl-C */

static volatile sig_atomic_t interrupt_flag;

/* The flag stays set until the host clears it, so that a pcall inside the
 * script cannot swallow the interruption: the next count event outside
 * that pcall raises again. */
static void interrupt_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  if (interrupt_flag) luaL_error(L, "interrupted!");
}

void nj_install_hook(lua_State *L) {
  lua_sethook(L, interrupt_hook, LUA_MASKCOUNT, 1000);
}

static void on_interrupt(int signal_number) {
  (void)signal_number;
  interrupt_flag = 1;
}

void nj_catch_interrupt(int on) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on ? on_interrupt : SIG_DFL;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  /* no SA_RESTART: a blocked read returns EINTR */
  sigaction(SIGINT, &action, NULL);
}

int nj_interrupted(void) { return interrupt_flag != 0; }

void nj_clear_interrupt(void) { interrupt_flag = 0; }

void nj_raise_interrupt(void) { interrupt_flag = 1; }

/* ------------------------------------------------------- message handler */

int nj_message_handler(lua_State *L) {
  const char *message = lua_tostring(L, 1);
  if (message == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") &&
        lua_type(L, -1) == LUA_TSTRING)
      return 1;  /* the object's own text, no traceback */
    message = lua_pushfstring(L, "(error object is a %s value)",
                              luaL_typename(L, 1));
  }
  luaL_traceback(L, L, message, 1);
  return 1;
}

/* -------------------------------------------------- compiled-in modules */

static const char source_repl[] = {
#embed "../../stdlib/nightjar/repl.lua"
};
static const char source_pretty[] = {
#embed "../../stdlib/nightjar/pretty.lua"
};
static const char source_test[] = {
#embed "../../stdlib/nightjar/test.lua"
};
static const char source_help[] = {
#embed "../../stdlib/nightjar/help.lua"
};
static const char source_selection[] = {
#embed "../../stdlib/nightjar/selection.lua"
};
static const char source_prelude[] = {
#embed "../../stdlib/nightjar/prelude.lua"
};

static const struct {
  const char *name;
  const char *text;
  size_t length;
} embedded[] = {
  {"nightjar.repl", source_repl, sizeof source_repl},
  {"nightjar.pretty", source_pretty, sizeof source_pretty},
  {"nightjar.test", source_test, sizeof source_test},
  {"nightjar.help", source_help, sizeof source_help},
  {"nightjar.selection", source_selection, sizeof source_selection},
  {"nightjar.prelude", source_prelude, sizeof source_prelude},
};

#define EMBEDDED_COUNT (sizeof embedded / sizeof embedded[0])

const char *nj_embedded_source(const char *name, size_t *length) {
  for (size_t i = 0; i < EMBEDDED_COUNT; i++)
    if (strcmp(embedded[i].name, name) == 0) {
      *length = embedded[i].length;
      return embedded[i].text;
    }
  return NULL;
}

const char *const *nj_embedded_names(void) {
  static const char *names[EMBEDDED_COUNT + 1];
  for (size_t i = 0; i < EMBEDDED_COUNT; i++) names[i] = embedded[i].name;
  names[EMBEDDED_COUNT] = NULL;
  return names;
}

/* A package.searchers entry: returns a loader for a compiled-in module,
 * or a line for require's "module not found" message. */
static int embedded_searcher(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  size_t length;
  const char *text = nj_embedded_source(name, &length);
  if (text == NULL) {
    lua_pushfstring(L, "no compiled-in module '%s'", name);
    return 1;
  }
  lua_pushfstring(L, "=%s", name);
  if (luaL_loadbufferx(L, text, length, lua_tostring(L, -1), "t") != LUA_OK)
    return lua_error(L);
  lua_pushliteral(L, ":nightjar:");
  return 2;
}

void nj_add_embedded_searcher(lua_State *L) {
  lua_getglobal(L, "package");                                /* [+1] */
  lua_getfield(L, -1, "searchers");                           /* [+1] */
  lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
  for (lua_Integer i = n; i >= 2; i--) {  /* shift 2..n up by one */
    lua_rawgeti(L, -1, i);                                    /* [+1] */
    lua_rawseti(L, -2, i + 1);                                /* [-1] */
  }
  lua_pushcfunction(L, embedded_searcher);                    /* [+1] */
  lua_rawseti(L, -2, 2);                                      /* [-1] */
  lua_pop(L, 2);                                              /* [-2] */
}

/* Tells the collector that `kilobytes` of memory it cannot see (a matrix's
 * buffer, owned by Swift) were just allocated, so that it steps as if Lua
 * had allocated them. lua_gc is variadic, which Swift cannot call. Errors
 * in finalizers become warnings in Lua 5.4, so this does not raise. */
void nj_gc_step(lua_State *L, int kilobytes) {
  lua_gc(L, LUA_GCSTEP, kilobytes);
}
