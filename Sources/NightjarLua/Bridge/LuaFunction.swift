// Swift closures callable from Lua, and the one dispatcher that runs them.

import CLua
import CLuaShim

/// The body of a function bound to Lua: reads its arguments from `call`,
/// pushes its results and returns how many, or throws a `LuaError`.
public typealias LuaBody = (LuaCall) throws(LuaError) -> Int32

/// Holds a bound closure for as long as its Lua state lives; Lua keeps
/// only an unretained pointer to it (a light userdata upvalue).
final class LuaFunction {
  let name: String
  let body: LuaBody

  init(name: String, body: @escaping LuaBody) {
    self.name = name
    self.body = body
  }
}

/// Every trampoline lands here: find the closure, run it, and turn a
/// thrown error into a code for the trampoline. No Lua error can start in
/// this frame, because nothing here calls a raising API.
let luaDispatcher: nj_body = { state, context in
  guard let state, let context else { return Int32(NJ_RAISE_VALUE) }
  // The state keeps every LuaFunction alive while Lua can call it, so the
  // call borrows it without a retain/release pair (measurable per call).
  return Unmanaged<LuaFunction>.fromOpaque(context)
    ._withUnsafeGuaranteedRef { function in
      do throws(LuaError) {
        return try function.body(LuaCall(state))
      } catch {
        return error.code()
      }
    }
}

/// Releases the retained object of a box; run by `__gc`, `__close` and
/// `free()`, at most once per box.
let luaReleaser: @convention(c) (UnsafeMutableRawPointer?) -> Void = {
  object in
  guard let object else { return }
  Unmanaged<AnyObject>.fromOpaque(object).release()
}
