// Loading and running chunks from Swift, with tracebacks on error.

import CLua
import CLuaShim

/// A chunk that failed to load or run: the message (with a traceback for
/// run-time errors when one was asked for).
public struct LuaRunError: Error, CustomStringConvertible, Equatable {
  public let message: String
  public var description: String { message }
}

extension LuaState {
  /// Compiles `code` (text only; a binary chunk is refused) and pushes
  /// the function [+1]; on a syntax error pushes nothing and throws.
  public func load(_ code: String, name: String) throws(LuaRunError) {
    guard luaLoad(L, code, name: name) == LUA_OK else {
      throw popError()
    }
  }

  /// Compiles the file at `path` (stdin when nil) and pushes the
  /// function [+1]. Lua's own loader reads it, skipping a first `#` line.
  public func loadFile(_ path: String?) throws(LuaRunError) {
    guard luaL_loadfilex(L, path, "t") == LUA_OK else { throw popError() }
  }

  /// Calls the function below `arguments` values on the stack under the
  /// traceback handler. On success leaves `results` values (all of them
  /// with `LUA_MULTRET`); on error leaves nothing and throws the message
  /// with its traceback.
  public func call(arguments: Int32, results: Int32) throws(LuaRunError) {
    let base = lua_gettop(L) - arguments  // the function's slot
    lua_pushcclosure(L, nj_message_handler, 0)  // [+1]
    lua_rotate(L, base, 1)  // handler below the function
    let status = luaProtectedCall(L, arguments, results, base)
    lua_rotate(L, base, -1)  // handler to the top...
    if status != LUA_OK {
      luaPop(L, 1)  // ...drop it, leaving the error on top
      throw popError()
    }
    luaPop(L, 1)  // ...and off
  }

  /// Runs `code` and returns its results as `tostring` writes them; for
  /// tests and tools. Errors carry no traceback.
  public func evaluate(_ code: String, name: String = "=(evaluate)")
    throws(LuaRunError) -> [String]
  {
    let top = lua_gettop(L)
    try load(code, name: name)
    let status = luaProtectedCall(L, 0, LUA_MULTRET, 0)
    if status != LUA_OK { throw popError() }
    let texts = (top..<lua_gettop(L)).map { protectedTostring($0 + 1) ?? "?" }
    lua_settop(L, top)
    return texts
  }

  /// The text `tostring` gives for the value at `index`, run in
  /// protected mode (a `__tostring` may fail); nil if it failed.
  public func protectedTostring(_ index: Int32) -> String? {
    let absolute = lua_absindex(L, index)
    pushTostring()  // [+1]
    lua_pushvalue(L, absolute)  // [+1]
    guard luaProtectedCall(L, 1, 1, 0) == LUA_OK else {  // [-2, +1]
      luaPop(L, 1)
      return nil
    }
    defer { luaPop(L, 1) }
    return luaString(L, -1)
  }

  /// Pops the error object and describes it as lua.c does.
  func popError() -> LuaRunError {
    defer { luaPop(L, 1) }
    if let text = luaString(L, -1) { return LuaRunError(message: text) }
    if lua_type(L, -1) == LUA_TNUMBER, let text = protectedTostring(-1) {
      return LuaRunError(message: text)
    }
    let type = String(cString: lua_typename(L, lua_type(L, -1)))
    return LuaRunError(message: "(error object is a \(type) value)")
  }
}
