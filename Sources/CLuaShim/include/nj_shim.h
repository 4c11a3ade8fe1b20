/* The C half of nightjar's Lua bridge: trampolines that raise Lua errors
 * only after the Swift frame that asked for them has returned, userdata
 * boxes holding one retained Swift object, the Ctrl-C flag and hook, and
 * the Lua modules compiled into the binary.
 *
 * Why C: a Lua error is a longjmp. Unwinding through a Swift frame skips
 * releases and defer blocks, so Swift never calls a raising API; it
 * returns a code and the trampoline below raises on its behalf. */
#ifndef NJ_SHIM_H
#define NJ_SHIM_H

#include <stddef.h>
#include <lua.h>
#include <lauxlib.h>

/* Lua's macros that Swift cannot import, as constants and functions. */
enum { NJ_REGISTRYINDEX = LUA_REGISTRYINDEX };
int nj_upvalue_index(int i);

/* The host object stored in the state's extra space (copied into every
 * coroutine made from the main thread). */
void nj_set_host(lua_State *L, void *host);
void *nj_get_host(lua_State *L);

/* What a Swift body returns when it does not return a result count. */
enum {
  NJ_RAISE_MESSAGE = -1,  /* raise the stored message, with position */
  NJ_RAISE_ARGUMENT = -2, /* luaL_argerror(stored index, stored message) */
  NJ_RAISE_VALUE = -3     /* raise the value on top of the stack as is */
};

/* The one Swift function every trampoline calls: it finds the Swift
 * closure behind `context` and runs it. */
typedef int (*nj_body)(lua_State *L, void *context);

/* Set once at start-up: the dispatcher, and how to release a box's
 * retained object. */
void nj_set_dispatcher(nj_body body);
void nj_set_releaser(void (*release)(void *object));

/* Stores the message the next NJ_RAISE_* code raises (copied). With
 * NJ_RAISE_ARGUMENT, `argument` is the 1-based argument index. */
void nj_set_error(const char *message, size_t length, int argument);

/* [-0, +1] Pushes a function that runs the dispatcher with `context`. */
void nj_push_function(lua_State *L, void *context);

/* [-1, +1] Pops a methods table and pushes an __index function: a field
 * of that table, else (when getter is not NULL) the dispatcher run with
 * `getter` as a property look-up, else nil. */
void nj_push_index(lua_State *L, void *getter);

/* [-0, +1] Pushes the function used for __gc, __close and free(): it
 * empties the box and releases its object once; later calls do nothing. */
void nj_push_release(lua_State *L);

/* [-0, +1] Pushes a new box with the metatable at registry[key]; the slot
 * is NULL until the caller stores the retained object in it. */
void **nj_new_box(lua_State *L, const char *key);

/* What nj_box_at found at an index. */
enum { NJ_BOX_OK = 0, NJ_BOX_WRONG_TYPE = 1, NJ_BOX_RELEASED = 2 };

/* [-0, +0] Checks that the value at idx is a box whose metatable is
 * `metatable` (a lua_topointer value); stores its object in *object.
 * Never raises. */
int nj_box_at(lua_State *L, int idx, const void *metatable, void **object);

/* [-0, +0] The object of any nightjar box at idx, or NULL. */
void *nj_any_box_at(lua_State *L, int idx);

/* Ctrl-C: the signal handler sets a flag; a count hook installed on the
 * main thread (and so inherited by every coroutine made from it) raises
 * "interrupted!" while the flag is set; long Swift loops poll it. */
void nj_install_hook(lua_State *L);
void nj_catch_interrupt(int on);
int nj_interrupted(void);
void nj_clear_interrupt(void);
void nj_raise_interrupt(void);

/* The message handler scripts run under: the message (or a description of
 * a non-string error object) followed by a traceback. */
int nj_message_handler(lua_State *L);

/* [-0, +0] Adds the searcher for the Lua modules compiled into the
 * binary to package.searchers (second place, before the file paths). */
void nj_add_embedded_searcher(lua_State *L);

/* The compiled-in source of module `name`, or NULL. */
const char *nj_embedded_source(const char *name, size_t *length);

/* A NULL-terminated list of the compiled-in module names. */
const char *const *nj_embedded_names(void);

/* [-0, +0] Steps the collector as if `kilobytes` had been allocated. */
void nj_gc_step(lua_State *L, int kilobytes);

#endif
