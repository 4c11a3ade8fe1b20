// ml.DataFrame: reading Lua tables (names, columns, options) and pushing
// columns back as tables.

import CLua
import CLuaShim
import NightjarCore

extension DataFrameBindings {
  /// The name lauxlib gives a value's type, for messages.
  static func kindName(_ L: OpaquePointer, _ kind: Int32) -> String {
    String(cString: lua_typename(L, kind))
  }

  /// The string keys of the table at `index`, sorted, so that the first
  /// error reported does not depend on Lua's hash order. A key that is
  /// not a string is `bad argument #2 to 'f' (field names must be
  /// strings, got number)`.
  ///
  /// lua_next raises only for a key missing from the table; here it is
  /// only ever given nil or the key it returned, and the table is not
  /// changed during the walk, so it cannot raise.
  static func fieldNames(_ call: LuaCall, _ index: Int32) throws(LuaError)
    -> [String]
  {
    let L = call.L
    let table = lua_absindex(L, index)
    var names: [String] = []
    lua_pushnil(L)  // [+1] first key
    while lua_next(L, table) != 0 {  // [-1, +2] key, value
      luaPop(L, 1)  // [-1] the key stays for the next step
      guard let name = luaString(L, -1) else {
        let kind = lua_type(L, -1)
        luaPop(L, 1)  // [-1]
        throw call.argumentError(
          index, "field names must be strings, got \(kindName(L, kind))")
      }
      names.append(name)
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// Names at argument `index`: one string, or a sequence of strings.
  /// `bad argument #1 to 'drop' (string or table expected, got number)`;
  /// `bad argument #1 to 'drop' (element [2] is a number, expected a
  /// string)`.
  static func names(_ call: LuaCall, _ index: Int32) throws(LuaError)
    -> [String]
  {
    let L = call.L
    if let name = luaString(L, index) { return [name] }
    guard call.type(index) == LUA_TTABLE else {
      throw call.typeError(index, expected: "string or table")
    }
    return try strings(call, index, argument: index)
  }

  /// The strings of the sequence at stack `index` (1 to its raw length);
  /// errors name argument `argument`.
  static func strings(_ call: LuaCall, _ index: Int32, argument: Int32)
    throws(LuaError) -> [String]
  {
    let L = call.L
    let table = lua_absindex(L, index)
    var result: [String] = []
    for position in 0..<Int(lua_rawlen(L, table)) {
      let kind = lua_rawgeti(L, table, lua_Integer(position + 1))  // [+1]
      let text = luaString(L, -1)
      luaPop(L, 1)  // [-1]
      guard let text else {
        throw call.argumentError(
          argument,
          "element [\(position + 1)] is a \(kindName(L, kind)), "
            + "expected a string")
      }
      result.append(text)
    }
    return result
  }

  /// A column from the value at stack `index`: a Matrix vector (or one
  /// row or column) gives a number column; in a sequence, numbers give a
  /// number column (NaN is missing), booleans a boolean column, strings
  /// a text column. `operation: column 'x' mixes numbers and strings`,
  /// `operation: column 'x' element [3] is a table`, `operation: column
  /// 'x' is a 2x3 matrix, expected a vector`.
  static func column(_ call: LuaCall, _ index: Int32, name: String,
                     operation: String) throws(LuaError) -> Column
  {
    if let matrix = call.optionalObject(Matrix.self, index) {
      guard matrix.isVector || matrix.rows == 1 || matrix.columns == 1 else {
        throw LuaError.message(
          "\(operation): column '\(name)' is a \(matrix.shapeText) matrix, "
            + "expected a vector")
      }
      return .number(matrix.toArray())
    }
    let L = call.L
    let table = lua_absindex(L, index)
    let count = Int(lua_rawlen(L, table))
    var numbers: [Double] = []
    var strings: [String?] = []
    var kinds = Set<Int32>()
    for position in 0..<count {
      let kind = lua_rawgeti(L, table, lua_Integer(position + 1))  // [+1]
      defer { luaPop(L, 1) }  // [-1]
      switch kind {
      case LUA_TNUMBER:
        numbers.append(lua_tonumberx(L, -1, nil))
      case LUA_TBOOLEAN:
        numbers.append(lua_toboolean(L, -1) != 0 ? 1 : 0)
      case LUA_TSTRING:
        strings.append(luaString(L, -1))
      default:
        throw LuaError.message(
          "\(operation): column '\(name)' element [\(position + 1)] is a "
            + kindName(L, kind))
      }
      kinds.insert(kind)
    }
    guard kinds.count <= 1 else {
      let found = kinds.sorted().map { kindName(L, $0) + "s" }
      throw LuaError.message(
        "\(operation): column '\(name)' mixes "
          + found.joined(separator: " and "))
    }
    switch kinds.first {
    case LUA_TBOOLEAN?: return .boolean(numbers)
    case LUA_TSTRING?: return Column.text(strings)
    default: return .number(numbers)
    }
  }

  /// Pushes a column: number and boolean columns as a Matrix vector (1
  /// and 0 for booleans, NaN for missing values), text as a new table of
  /// strings with missing values as holes (nil). [+1]
  static func push(_ call: LuaCall, column: Column) throws(LuaError) {
    guard case .text(let codes, let levels) = column else {
      let values = column.numbers ?? []
      try call.push(matrix: core { try Matrix(vector: values) })
      return
    }
    let L = call.L
    lua_createtable(L, Int32(clamping: codes.count), 0)  // [+1]
    for (offset, code) in codes.enumerated() where code >= 0 {
      luaPushString(L, levels[Int(code)])  // [+1]
      lua_rawseti(L, -2, lua_Integer(offset + 1))  // [-1]
    }
  }

  /// An options table at argument `index` (nil or absent: no options),
  /// read with raw accesses only, so that no metamethod runs.
  struct Options {
    let call: LuaCall
    let index: Int32

    /// The options at `index`; anything but nil or a table is `bad
    /// argument #2 to 'f' (table expected, got string)`; a key not in
    /// `allowed` is `bad argument #2 to 'f' (unknown option 'sepp')`.
    init(_ call: LuaCall, _ index: Int32, allowed: [String])
      throws(LuaError)
    {
      self.call = call
      self.index = index
      guard !call.isNil(index) else { return }
      try call.checkTable(index)
      for name in try fieldNames(call, index) where !allowed.contains(name) {
        throw call.argumentError(index, "unknown option '\(name)'")
      }
    }

    /// Pushes field `key` (nil when there are no options) and returns
    /// its type. [+1]
    private func push(_ key: String) -> Int32 {
      let L = call.L
      guard call.type(index) == LUA_TTABLE else {
        lua_pushnil(L)  // [+1]
        return LUA_TNIL
      }
      let table = lua_absindex(L, index)
      luaPushString(L, key)  // [+1]
      return lua_rawget(L, table)  // [-1, +1]
    }

    /// `option 'key' must be a T, got U`.
    private func wrong(_ key: String, _ expected: String, _ kind: Int32)
      -> LuaError
    {
      call.argumentError(
        index,
        "option '\(key)' must be \(expected), got "
          + kindName(call.L, kind))
    }

    /// Whether field `key` is present (not nil).
    func has(_ key: String) -> Bool {
      let kind = push(key)  // [+1]
      luaPop(call.L, 1)  // [-1]
      return kind != LUA_TNIL
    }

    func string(_ key: String) throws(LuaError) -> String? {
      let kind = push(key)  // [+1]
      defer { luaPop(call.L, 1) }  // [-1]
      if kind == LUA_TNIL { return nil }
      guard kind == LUA_TSTRING, let text = luaString(call.L, -1) else {
        throw wrong(key, "a string", kind)
      }
      return text
    }

    func integer(_ key: String) throws(LuaError) -> Int? {
      let kind = push(key)  // [+1]
      defer { luaPop(call.L, 1) }  // [-1]
      if kind == LUA_TNIL { return nil }
      var isInteger: Int32 = 0
      let value = lua_tointegerx(call.L, -1, &isInteger)
      guard kind == LUA_TNUMBER, isInteger != 0 else {
        throw wrong(key, "an integer", kind)
      }
      return Int(value)
    }

    func boolean(_ key: String) throws(LuaError) -> Bool? {
      let kind = push(key)  // [+1]
      defer { luaPop(call.L, 1) }  // [-1]
      if kind == LUA_TNIL { return nil }
      guard kind == LUA_TBOOLEAN else { throw wrong(key, "a boolean", kind) }
      return lua_toboolean(call.L, -1) != 0
    }

    /// One string or a sequence of strings.
    func strings(_ key: String) throws(LuaError) -> [String]? {
      let kind = push(key)  // [+1]
      defer { luaPop(call.L, 1) }  // [-1]
      if kind == LUA_TNIL { return nil }
      if let text = luaString(call.L, -1) { return [text] }
      guard kind == LUA_TTABLE else {
        throw wrong(key, "a string or a table of strings", kind)
      }
      return try DataFrameBindings.strings(call, -1, argument: index)
    }

    /// Calls `body` with field `key` on top of the stack when it is
    /// present; the field is popped afterwards.
    func with<T>(_ key: String, _ body: (Int32) throws(LuaError) -> T)
      throws(LuaError) -> T?
    {
      let kind = push(key)  // [+1]
      defer { luaPop(call.L, 1) }  // [-1]
      if kind == LUA_TNIL { return nil }
      return try body(kind)
    }
  }
}
