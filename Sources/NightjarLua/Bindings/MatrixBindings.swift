// ml.Matrix: the class, its constructor, fields and operators in Lua.

import CLua
import CLuaShim
import NightjarCore

/// Binds `NightjarCore.Matrix` as `ml.Matrix` with its methods and the
/// `ml` functions on matrices (`ml.hstack`, `ml.solve`, ...). The
/// binding files translate arguments and results only: every computation
/// and every domain message comes from Core.
enum MatrixBindings {
  static func register(in state: LuaState) {
    let matrix = LuaClass<Matrix>("Matrix", group: "Matrix", help: classHelp)
    addConstructors(matrix)
    addFields(matrix)
    addOperators(matrix)
    addAccess(matrix)
    addElementwise(matrix)
    addReductions(matrix)
    addShape(matrix)
    addLinearAlgebra(matrix)
    addStorage(matrix)
    matrix.describe { $0.summary() }
    state.register(matrix)
    defineFunctions(in: state)
  }

  static let classHelp = """
    ml.Matrix(values [, rows, cols]) -> Matrix
      A dense matrix (rows x cols) or vector (n) of floats, computed in
      compiled code on OpenBLAS. Built from nested rows, from a flat table
      and a shape, or from a flat table alone (a vector):
        ml.Matrix{{1, 2}, {3, 4}}            2x2
        ml.Matrix({1, 2, 3, 4, 5, 6}, 2, 3)  2x3, filled row by row
        ml.Matrix{1, 2, 3}                   a vector of 3
        ml.Matrix(m)                         a copy of matrix m
      Conventions:
      - Indices count from 1; negative ones count from the end (-1 is the
        last); ranges include both ends.
      - + - * / are ELEMENTWISE, as in NumPy, with numbers on either side
        and broadcasting of rows (1 x c or a vector of c) and columns
        (r x 1). The matrix product is A:matmul(B).
      - Axis 1 reduces over the rows (one value per column), axis 2 over
        the columns (one value per row); no axis means all elements.
      - No views: every method returns a new matrix. Methods ending in _
        (add_, sub_, mul_, div_, fill_, clip_) and set change the matrix
        in place and return it.
      - A vector of n acts as a 1 x n row: v.rows is 1, v.cols and #v are
        n. #m is the number of rows of a matrix.
      - Comparisons are methods returning 0/1 masks (m:gt(0)), since Lua
        turns < and == into booleans.
      - Memory is counted for Lua's collector; m:free() (or a <close>
        variable) returns a big matrix's memory at once.
      Example: local X = ml.Matrix.randn(100, 3, {seed = 1})
               print((X - X:mean(1)) / X:std(1))
    """

  // MARK: Shared translation helpers

  /// Runs a Core operation, turning its error into the Lua error that
  /// carries the same text.
  /// (The closure's error type is untyped because this toolchain infers
  /// closure literals as throwing `any Error`; Core only throws
  /// `NightjarError`, and anything else is reported by its description.)
  @inline(__always)
  static func core<T>(_ body: () throws -> T) throws(LuaError) -> T {
    do {
      return try body()
    } catch let error as NightjarError {
      throw LuaError(error)
    } catch let error as LuaError {
      throw error
    } catch {
      throw LuaError.message("\(error)")
    }
  }

  /// Pushes `self` (argument 1) again: what in-place methods return.
  static func returnSelf(_ call: LuaCall) -> Int32 {
    lua_pushvalue(call.L, 1)  // [+1]
    return 1
  }

  // MARK: Constructor, fields, operators

  private static func addConstructors(_ matrix: LuaClass<Matrix>) {
    matrix.constructor { call throws(LuaError) in
      if let source = call.optionalObject(Matrix.self, 1) {
        try call.push(matrix: try core { try source.copy() })
        return 1
      }
      try call.checkTable(1)
      if call.isNil(2) && call.isNil(3) {
        try call.push(matrix: try readMatrix(call, 1))
        return 1
      }
      let rows = try call.integer(2)
      let columns = try call.integer(3)
      let values = try readNumbers(call, 1, operation: "Matrix")
      try call.push(
        matrix: try core { try Matrix(rows, columns, values: values) })
      return 1
    }
    addStatics(matrix)
  }

  private static func addFields(_ matrix: LuaClass<Matrix>) {
    matrix.property("rows", help: "number of rows (1 for a vector)") {
      call, m throws(LuaError) in
      call.push(m.rows)
      return 1
    }
    matrix.property(
      "cols", help: "number of columns (the length of a vector)"
    ) { call, m throws(LuaError) in
      call.push(m.columns)
      return 1
    }
    matrix.property("T", help: "the transpose, as m:transpose()") {
      call, m throws(LuaError) in
      try call.push(matrix: try core { try m.transpose() })
      return 1
    }
  }

  private static func addOperators(_ matrix: LuaClass<Matrix>) {
    binaryOperator(matrix, "__add", +, +, +)
    binaryOperator(matrix, "__sub", -, -, -)
    binaryOperator(matrix, "__mul", *, *, *)
    binaryOperator(matrix, "__div", /, /, /)
    matrix.metamethod("__unm") { call throws(LuaError) in
      let m = try call.object(Matrix.self, 1)
      try call.push(matrix: try core { try -m })
      return 1
    }
    matrix.metamethod("__len") { call throws(LuaError) in
      let m = try call.object(Matrix.self, 1)
      call.push(m.isVector ? m.columns : m.rows)
      return 1
    }
  }

  /// Binds an arithmetic metamethod: either operand may be the matrix and
  /// the other a matrix or a number.
  private static func binaryOperator(
    _ matrix: LuaClass<Matrix>, _ name: String,
    _ both: @escaping (Matrix, Matrix) throws -> Matrix,
    _ right: @escaping (Matrix, Double) throws -> Matrix,
    _ left: @escaping (Double, Matrix) throws -> Matrix
  ) {
    matrix.metamethod(name) { call throws(LuaError) in
      let a = try call.matrixOrNumber(1)
      let b = try call.matrixOrNumber(2)
      let result: Matrix
      switch (a, b) {
      case (.matrix(let x), .matrix(let y)):
        result = try core { try both(x, y) }
      case (.matrix(let x), .scalar(let y)):
        result = try core { try right(x, y) }
      case (.scalar(let x), .matrix(let y)):
        result = try core { try left(x, y) }
      case (.scalar, .scalar):
        throw call.typeError(1, expected: "Matrix")
      }
      try call.push(matrix: result)
      return 1
    }
  }
}

// MARK: - Reading and pushing matrices

extension LuaCall {
  /// Pushes a matrix in a new box and tells Lua's collector about its
  /// buffer, which Lua cannot see, so that big garbage is freed soon.
  func push(matrix: Matrix) throws(LuaError) {
    try push(matrix)  // [+1]
    let kilobytes = matrix.byteCount / 1024
    if kilobytes > 0 { nj_gc_step(L, Int32(clamping: kilobytes)) }
  }

  /// The argument at `index` as a matrix or a number: `Matrix or number
  /// expected, got table` otherwise; a freed matrix says so.
  func matrixOrNumber(_ index: Int32) throws(LuaError) -> Matrix.Choice {
    if type(index) == LUA_TNUMBER { return .scalar(try number(index)) }
    if let matrix = optionalObject(Matrix.self, index) {
      return .matrix(matrix)
    }
    if type(index) == LUA_TUSERDATA {
      do throws(LuaError) {
        _ = try object(Matrix.self, index)
      } catch {
        if case .message = error { throw error }
      }
    }
    throw typeError(index, expected: "Matrix or number")
  }

  /// An optional axis: nil, 1 (over rows) or 2 (over columns); anything
  /// else is `bad argument #1 to 'sum' (axis must be 1 or 2, got 3)`.
  func axis(_ index: Int32) throws(LuaError) -> Matrix.Axis? {
    if isNil(index) { return nil }
    let value = try integer(index)
    guard let axis = Matrix.Axis(rawValue: value) else {
      throw argumentError(index, "axis must be 1 or 2, got \(value)")
    }
    return axis
  }

  /// Reads field `key` of the options table at `index` without running
  /// metamethods; nil when the argument is nil or lacks the field.
  /// Pushes nothing. A non-number value is `bad argument #3 to 'rand'
  /// (option 'seed' must be a number, got string)`.
  func numberOption(
    _ index: Int32, _ key: String
  ) throws(LuaError) -> Double? {
    guard type(index) == LUA_TTABLE else { return nil }
    let table = lua_absindex(L, index)
    luaPushString(L, key)  // [+1]
    let kind = lua_rawget(L, table)  // [-1, +1]
    defer { luaPop(L, 1) }  // [-1]
    if kind == LUA_TNIL { return nil }
    var isNumber: Int32 = 0
    let value = lua_tonumberx(L, -1, &isNumber)
    guard kind == LUA_TNUMBER, isNumber != 0 else {
      throw argumentError(
        index,
        "option '\(key)' must be a number, got "
          + String(cString: lua_typename(L, kind)))
    }
    return value
  }

  /// Like `numberOption`, for a boolean field (any value counts by Lua's
  /// truth); false when absent.
  func booleanOption(_ index: Int32, _ key: String) -> Bool {
    guard type(index) == LUA_TTABLE else { return false }
    let table = lua_absindex(L, index)
    luaPushString(L, key)  // [+1]
    _ = lua_rawget(L, table)  // [-1, +1]
    let value = lua_toboolean(L, -1) != 0
    luaPop(L, 1)  // [-1]
    return value
  }
}
