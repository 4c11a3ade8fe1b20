// ml.Matrix: reading Lua tables into matrices and writing them back.

import CLua
import CLuaShim
import NightjarCore

extension MatrixBindings {
  /// The name lauxlib gives a value's type, for messages.
  static func typeName(_ L: OpaquePointer, _ kind: Int32) -> String {
    String(cString: lua_typename(L, kind))
  }

  /// A matrix from the table at `index`: rows of numbers when its first
  /// element is a table, else a vector of numbers. Raw reads only, so
  /// no metamethod runs. Errors: `Matrix: row 2 has 3 numbers, expected
  /// 2`, `Matrix: element [1][2] is a string, expected a number`,
  /// `Matrix: row 2 is a number, expected a table`.
  static func readMatrix(
    _ call: LuaCall, _ index: Int32
  ) throws(LuaError) -> Matrix {
    let L = call.L
    let table = lua_absindex(L, index)
    let rowCount = Int(lua_rawlen(L, table))
    let firstKind = lua_rawgeti(L, table, 1)  // [+1]
    luaPop(L, 1)  // [-1]
    if firstKind != LUA_TTABLE {
      let values = try readNumbers(call, table, operation: "Matrix")
      return try core { try Matrix(vector: values) }
    }
    var columnCount = 0
    var result: Matrix?
    for i in 1...rowCount {
      let kind = lua_rawgeti(L, table, lua_Integer(i))  // [+1] row i
      defer { luaPop(L, 1) }  // [-1]
      guard kind == LUA_TTABLE else {
        throw LuaError.message(
          "Matrix: row \(i) is a \(typeName(L, kind)), expected a table")
      }
      let length = Int(lua_rawlen(L, -1))
      if i == 1 {
        columnCount = length
        result = try core {
          try Matrix.zeros(rowCount, columnCount)
        }
      }
      guard length == columnCount, let target = result else {
        throw LuaError.message(
          "Matrix: row \(i) has \(length) number\(length == 1 ? "" : "s"), "
            + "expected \(columnCount)")
      }
      try target.withUnsafeMutableBufferPointer {
        buffer throws(LuaError) in
        for j in 0..<length {
          buffer[(i - 1) * columnCount + j] = try readNumber(
            L, -1, j + 1, label: "[\(i)][\(j + 1)]", operation: "Matrix")
        }
      }
    }
    if let result { return result }
    return try core { try Matrix.zeros(0, 0) }
  }

  /// The number at position `j` of the table at `table`, or an error
  /// `<operation>: element <label> is a string, expected a number`.
  private static func readNumber(
    _ L: OpaquePointer, _ table: Int32, _ j: Int, label: String,
    operation: String
  ) throws(LuaError) -> Double {
    let absolute = lua_absindex(L, table)
    let kind = lua_rawgeti(L, absolute, lua_Integer(j))  // [+1]
    defer { luaPop(L, 1) }  // [-1]
    var isNumber: Int32 = 0
    let value = lua_tonumberx(L, -1, &isNumber)
    guard kind == LUA_TNUMBER, isNumber != 0 else {
      throw LuaError.message(
        "\(operation): element \(label) is a \(typeName(L, kind)), "
          + "expected a number")
    }
    return value
  }

  /// The numbers of the sequence at `index` (1 to its raw length).
  static func readNumbers(
    _ call: LuaCall, _ index: Int32, operation: String
  ) throws(LuaError) -> [Double] {
    let L = call.L
    let table = lua_absindex(L, index)
    let count = Int(lua_rawlen(L, table))
    var values = [Double]()
    values.reserveCapacity(count)
    for j in 0..<count {
      values.append(
        try readNumber(
          L, table, j + 1, label: "[\(j + 1)]", operation: operation))
    }
    return values
  }

  /// The integers of the sequence at `index`: `index: row list element
  /// [2] is a string, expected an integer` otherwise (`what` is "row
  /// list").
  static func readIntegers(
    _ call: LuaCall, _ index: Int32, what: String, operation: String
  ) throws(LuaError) -> [Int] {
    let L = call.L
    let table = lua_absindex(L, index)
    let count = Int(lua_rawlen(L, table))
    var values = [Int]()
    values.reserveCapacity(count)
    for j in 1..<(count + 1) {
      let kind = lua_rawgeti(L, table, lua_Integer(j))  // [+1]
      var isInteger: Int32 = 0
      let value = lua_tointegerx(L, -1, &isInteger)
      luaPop(L, 1)  // [-1]
      guard kind == LUA_TNUMBER, isInteger != 0 else {
        let found =
          kind == LUA_TNUMBER
          ? "a non-integer number" : "a \(typeName(L, kind))"
        throw LuaError.message(
          "\(operation): \(what) element [\(j)] is \(found), "
            + "expected an integer")
      }
      values.append(Int(value))
    }
    return values
  }

  /// The most elements (or rows) `totable` turns into Lua tables: past
  /// this, Lua's allocator would fail inside an API call, which raises
  /// through Swift frames.
  static let tableLimit = 1 << 26

  /// Pushes the matrix as nested tables of rows, or a vector as one flat
  /// table. [+1] Throws `totable: a 100000x1000 matrix is too large for
  /// Lua tables (at most 67108864 elements)` beyond `tableLimit`.
  static func pushTable(_ call: LuaCall, _ m: Matrix) throws(LuaError) {
    guard m.count <= tableLimit, m.rows <= tableLimit else {
      throw LuaError.message(
        "totable: a \(m.shapeText) matrix is too large for Lua tables "
          + "(at most \(tableLimit) elements)")
    }
    let L = call.L
    m.withUnsafeBufferPointer { values in
      if m.isVector {
        lua_createtable(L, Int32(clamping: m.count), 0)  // [+1]
        for j in 0..<m.count {
          lua_pushnumber(L, values[j])  // [+1]
          lua_rawseti(L, -2, lua_Integer(j + 1))  // [-1]
        }
        return
      }
      lua_createtable(L, Int32(clamping: m.rows), 0)  // [+1] rows
      for i in 0..<m.rows {
        lua_createtable(L, Int32(clamping: m.columns), 0)  // [+1] row
        for j in 0..<m.columns {
          lua_pushnumber(L, values[i * m.columns + j])  // [+1]
          lua_rawseti(L, -2, lua_Integer(j + 1))  // [-1]
        }
        lua_rawseti(L, -2, lua_Integer(i + 1))  // [-1]
      }
    }
  }
}
