// Pushing results from Swift onto the Lua stack.

import CLua
import CLuaShim

// TODO: a push can still raise LUA_ERRMEM (Lua out of memory) from inside
// a Swift frame, which would unwind it. Tolerated because it needs Lua's
// allocator to fail on a small allocation, which Linux's overcommit makes
// practically unreachable; large results are counted but allocated by
// Swift. The fix is to push through a C helper run under lua_pcall, at
// the cost of a protected call per result.
extension LuaCall {
  /// Pushes nil.
  public func pushNil() { lua_pushnil(L) }

  /// Pushes a float.
  public func push(_ value: Double) { lua_pushnumber(L, value) }

  /// Pushes an integer.
  public func push(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }

  /// Pushes a boolean.
  public func push(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }

  /// Pushes a string (its UTF-8 bytes).
  public func push(_ value: String) { luaPushString(L, value) }

  /// Pushes a Swift object in a new box of its registered class. The box
  /// retains the object until it is collected, closed or freed.
  public func push<Object: AnyObject>(_ object: Object) throws(LuaError) {
    guard let info = host?.classInfo(for: Object.self) else {
      throw .message("no Lua class is registered for \(Object.self)")
    }
    let box = nj_new_box(L, info.registryKey)  // [+1]
    // Stored last: a box is never left holding an unretained object.
    box?.pointee = Unmanaged.passRetained(object).toOpaque()
  }

  /// Pushes a Swift object of any registered class, found from its
  /// dynamic type (for values typed by a protocol).
  public func push(any object: AnyObject) throws(LuaError) {
    guard let host, let info = host.classInfo(forDynamic: object) else {
      throw .message("no Lua class is registered for \(Swift.type(of: object))")
    }
    let box = nj_new_box(L, info.registryKey)  // [+1]
    box?.pointee = Unmanaged.passRetained(object).toOpaque()
  }

  /// Pushes a sequence of numbers as a new table {x1, x2, ...}.
  public func push(numbers: [Double]) {
    lua_createtable(L, Int32(clamping: numbers.count), 0)  // [+1]
    for (offset, value) in numbers.enumerated() {
      lua_pushnumber(L, value)  // [+1]
      lua_rawseti(L, -2, lua_Integer(offset + 1))  // [-1]
    }
  }

  /// Pushes a sequence of strings as a new table {s1, s2, ...}.
  public func push(strings: [String]) {
    lua_createtable(L, Int32(clamping: strings.count), 0)  // [+1]
    for (offset, value) in strings.enumerated() {
      luaPushString(L, value)  // [+1]
      lua_rawseti(L, -2, lua_Integer(offset + 1))  // [-1]
    }
  }
}
