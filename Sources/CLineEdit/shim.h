/* libedit's native interface (histedit.h) for the REPL's line editor.
 * el_set and history take variable arguments, which Swift cannot call:
 * each use the REPL needs is wrapped once here. */
#include <stdio.h>
#include <histedit.h>

typedef char *(*nj_prompt_function)(EditLine *);
typedef unsigned char (*nj_key_function)(EditLine *, int);

static inline int nj_el_set_prompt(EditLine *el, nj_prompt_function f) {
  return el_set(el, EL_PROMPT, f);
}

static inline int nj_el_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

static inline int nj_el_set_history(EditLine *el, History *h) {
  return el_set(el, EL_HIST, history, h);
}

static inline int nj_el_add_function(EditLine *el, const char *name,
                                     const char *help, nj_key_function f) {
  return el_set(el, EL_ADDFN, name, help, f);
}

static inline int nj_el_bind(EditLine *el, const char *key,
                             const char *function) {
  return el_set(el, EL_BIND, key, function, NULL);
}

/* Changes one terminal flag of edit mode, as `setty -d flag`. */
static inline int nj_el_setty(EditLine *el, const char *flag) {
  return el_set(el, EL_SETTY, "-d", flag, NULL);
}

static inline int nj_el_set_signal(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}

static inline int nj_history_set_size(History *h, int size) {
  HistEvent event;
  return history(h, &event, H_SETSIZE, size);
}

static inline int nj_history_set_unique(History *h, int on) {
  HistEvent event;
  return history(h, &event, H_SETUNIQUE, on);
}

static inline int nj_history_enter(History *h, const char *line) {
  HistEvent event;
  return history(h, &event, H_ENTER, line);
}

static inline int nj_history_load(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_LOAD, path);
}

static inline int nj_history_save(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_SAVE, path);
}
