// One call from Lua into Swift: reading its arguments with lauxlib's words.

import CLua
import CLuaShim

/// The arguments of one call from Lua, read with API calls that never
/// raise. A reader that finds a wrong value throws the `LuaError` whose
/// text is exactly what lauxlib's `luaL_check*` would have raised, so a
/// bound function reports errors the way Lua's own library does.
public struct LuaCall {
  /// The Lua thread that made the call.
  public let L: OpaquePointer

  init(_ L: OpaquePointer) {
    self.L = L
  }

  /// The number of arguments (the stack top).
  public var count: Int32 { lua_gettop(L) }

  /// The host that owns this Lua state.
  public var host: LuaState? { LuaState.of(L) }

  /// Whether argument `index` is absent or nil.
  public func isNil(_ index: Int32) -> Bool {
    lua_type(L, index) <= LUA_TNIL
  }

  /// The Lua type of argument `index` (`LUA_TNONE` when absent).
  public func type(_ index: Int32) -> Int32 {
    lua_type(L, index)
  }

  // MARK: - Errors in lauxlib's words

  /// The name lauxlib uses for the value at `index` in "got X": the
  /// `__name` of its metatable when that is a string, `no value` past the
  /// top, `light userdata`, or the basic type name.
  public func typeName(_ index: Int32) -> String {
    if lua_type(L, index) == LUA_TNONE { return "no value" }
    if lua_getmetatable(L, index) != 0 {  // [+1]
      _ = lua_pushstring(L, "__name")  // [+1]
      _ = lua_rawget(L, -2)  // [-1, +1]
      let name = luaString(L, -1)
      luaPop(L, 2)  // [-2]
      if let name { return name }
    }
    if lua_type(L, index) == LUA_TLIGHTUSERDATA { return "light userdata" }
    return String(cString: lua_typename(L, lua_type(L, index)))
  }

  /// `bad argument #index to 'f' (expected expected, got T)`.
  public func typeError(_ index: Int32, expected: String) -> LuaError {
    .argument(index, "\(expected) expected, got \(typeName(index))")
  }

  /// `bad argument #index to 'f' (message)`.
  public func argumentError(_ index: Int32, _ message: String) -> LuaError {
    .argument(index, message)
  }

  // MARK: - Numbers

  /// A number, or a string convertible to one (as `luaL_checknumber`).
  public func number(_ index: Int32) throws(LuaError) -> Double {
    var isNumber: Int32 = 0
    let value = lua_tonumberx(L, index, &isNumber)
    guard isNumber != 0 else { throw typeError(index, expected: "number") }
    return value
  }

  /// A number, or `fallback` when the argument is absent or nil.
  public func number(_ index: Int32, or fallback: Double) throws(LuaError)
    -> Double
  {
    isNil(index) ? fallback : try number(index)
  }

  /// An integer (as `luaL_checkinteger`): a float with an exact integer
  /// value is accepted; `3.5` gives `number has no integer representation`.
  public func integer(_ index: Int32) throws(LuaError) -> Int {
    var isInteger: Int32 = 0
    let value = lua_tointegerx(L, index, &isInteger)
    if isInteger != 0 { return Int(value) }
    var isNumber: Int32 = 0
    _ = lua_tonumberx(L, index, &isNumber)
    if isNumber != 0 {
      throw .argument(index, "number has no integer representation")
    }
    throw typeError(index, expected: "number")
  }

  /// An integer, or `fallback` when the argument is absent or nil.
  public func integer(_ index: Int32, or fallback: Int) throws(LuaError)
    -> Int
  {
    isNil(index) ? fallback : try integer(index)
  }

  // MARK: - Strings, booleans, functions, tables

  /// A string; a number is accepted and formatted as Lua formats it (as
  /// `luaL_checkstring`), without converting the stack slot.
  public func string(_ index: Int32) throws(LuaError) -> String {
    if let text = luaString(L, index) { return text }
    if lua_type(L, index) == LUA_TNUMBER {
      if lua_isinteger(L, index) != 0 {
        return String(lua_tointegerx(L, index, nil))
      }
      return LuaNumberFormat.string(lua_tonumberx(L, index, nil))
    }
    throw typeError(index, expected: "string")
  }

  /// A string, or `fallback` when the argument is absent or nil.
  public func string(_ index: Int32, or fallback: String) throws(LuaError)
    -> String
  {
    isNil(index) ? fallback : try string(index)
  }

  /// The truth of any value, as Lua sees it (nil and false are false).
  public func boolean(_ index: Int32) -> Bool {
    lua_toboolean(L, index) != 0
  }

  /// One of `choices` (as `luaL_checkoption`): `invalid option 'x'`.
  public func option(
    _ index: Int32, _ choices: [String], or fallback: String? = nil
  ) throws(LuaError) -> String {
    if let fallback, isNil(index) { return fallback }
    let name = try string(index)
    guard choices.contains(name) else {
      throw .argument(index, "invalid option '\(name)'")
    }
    return name
  }

  /// Checks that argument `index` is a function.
  public func checkFunction(_ index: Int32) throws(LuaError) {
    guard lua_type(L, index) == LUA_TFUNCTION else {
      throw typeError(index, expected: "function")
    }
  }

  /// Checks that argument `index` is a table.
  public func checkTable(_ index: Int32) throws(LuaError) {
    guard lua_type(L, index) == LUA_TTABLE else {
      throw typeError(index, expected: "table")
    }
  }

  /// Checks that argument `index` is present, of any type, nil included
  /// (as `luaL_checkany`: `value expected`).
  public func checkAny(_ index: Int32) throws(LuaError) {
    guard lua_type(L, index) != LUA_TNONE else {
      throw .argument(index, "value expected")
    }
  }

  // MARK: - Swift objects

  /// The Swift object in the box at `index`, which must be of the class
  /// registered for `Object`: `Matrix expected, got table` otherwise, and
  /// `attempt to use a released Matrix` once freed.
  public func object<Object: AnyObject>(
    _ type: Object.Type, _ index: Int32
  ) throws(LuaError) -> Object {
    guard let info = host?.classInfo(for: type) else {
      throw .message("no Lua class is registered for \(type)")
    }
    var pointer: UnsafeMutableRawPointer?
    switch nj_box_at(L, index, info.metatable, &pointer) {
    case Int32(NJ_BOX_OK):
      // The metatable is the one registered for Object, and only boxes
      // made by push(Object) carry it, so the cast cannot fail.
      guard let pointer else { throw typeError(index, expected: info.name) }
      return Unmanaged<Object>.fromOpaque(pointer).takeUnretainedValue()
    case Int32(NJ_BOX_RELEASED):
      throw .message("attempt to use a released \(info.name)")
    default:
      throw typeError(index, expected: info.name)
    }
  }

  /// The Swift object in any nightjar box at `index`, whatever its
  /// class; nil for anything else or a released box.
  public func anyObject(_ index: Int32) -> AnyObject? {
    guard let pointer = nj_any_box_at(L, index) else { return nil }
    return Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue()
  }

  /// The object at `index` when it is a box of `Object`'s class, else nil
  /// (a released box counts as absent).
  public func optionalObject<Object: AnyObject>(
    _ type: Object.Type, _ index: Int32
  ) -> Object? {
    guard let info = host?.classInfo(for: type) else { return nil }
    var pointer: UnsafeMutableRawPointer?
    guard nj_box_at(L, index, info.metatable, &pointer) == NJ_BOX_OK,
      let pointer
    else { return nil }
    return Unmanaged<Object>.fromOpaque(pointer).takeUnretainedValue()
  }
}
