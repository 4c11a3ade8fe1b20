// Reading y (labels or numbers) and estimators from Lua arguments, and
// pushing labels back.

import CLua
import NightjarCore

#if canImport(Glibc)
import Glibc
#endif

extension LuaCall {
  /// Labels from a Matrix (a vector or one column or row: numbers) or a
  /// Lua sequence of numbers or of strings.
  func labels(_ index: Int32) throws(LuaError) -> Labels {
    if let matrix = optionalObject(Matrix.self, index) {
      guard matrix.isVector || matrix.rows == 1 || matrix.columns == 1 else {
        throw argumentError(
          index, "labels must be a vector, got a \(matrix.shapeText) matrix")
      }
      return .numbers(matrix.toArray())
    }
    guard type(index) == LUA_TTABLE else {
      if type(index) == LUA_TUSERDATA { _ = try object(Matrix.self, index) }
      throw typeError(index, expected: "Matrix or table")
    }
    let count = Int(lua_rawlen(L, index))
    var numbers: [Double] = []
    var strings: [String] = []
    for position in 1...max(1, count) where count > 0 {
      let kind = lua_rawgeti(L, index, lua_Integer(position))  // [+1]
      defer { pop() }  // [-1]
      if kind == LUA_TNUMBER && strings.isEmpty {
        numbers.append(lua_tonumberx(L, -1, nil))
      } else if kind == LUA_TSTRING && numbers.isEmpty {
        strings.append(luaString(L, -1) ?? "")
      } else {
        throw argumentError(
          index,
          "labels must be all numbers or all strings (element "
            + "\(position) is \(typeName(-1)))")
      }
    }
    return strings.isEmpty ? .numbers(numbers) : .strings(strings)
  }

  /// y for a supervised fit: labels as `labels` reads them, kept as a
  /// Matrix when given one (a regressor needs numbers).
  func target(_ index: Int32) throws(LuaError) -> Target {
    if let matrix = optionalObject(Matrix.self, index) {
      return .values(matrix)
    }
    return .labels(try labels(index))
  }

  /// Pushes labels: numbers as a Matrix vector, strings as a table.
  func push(labels: Labels) throws(LuaError) {
    switch labels {
    case .numbers(let values):
      try push(matrix: MatrixBindings.core { try Matrix(vector: values) })
    case .strings(let values):
      push(strings: values)
    }
  }

  /// Pushes y as it came: a Matrix, or labels.
  func push(target: Target) throws(LuaError) {
    switch target {
    case .values(let matrix): try push(matrix: matrix)
    case .labels(let labels): try push(labels: labels)
    }
  }

  /// An optional Matrix argument (nil when absent or nil).
  func optionalMatrix(_ index: Int32) throws(LuaError) -> Matrix? {
    isNil(index) ? nil : try object(Matrix.self, index)
  }

  /// A fitted-or-not estimator built in Swift (any nightjar model).
  func estimator(_ index: Int32) throws(LuaError)
    -> any SupervisedEstimator
  {
    guard let estimator = anyObject(index) as? any SupervisedEstimator else {
      throw typeError(index, expected: "estimator")
    }
    return estimator
  }

  /// Pushes one hyper-parameter: a whole number as an integer, none as
  /// nil. [+1]
  func push(parameter value: ParameterValue) {
    switch value {
    case .number(let number):
      if number == number.rounded(), abs(number) < 1e15 {
        push(Int(number))
      } else {
        push(number)
      }
    case .string(let text): push(text)
    case .boolean(let flag): push(flag)
    case .none: pushNil()
    }
  }

  /// Pushes hyper-parameters as a table {name = value} (nil ones left
  /// out).
  func push(parameters: [String: ParameterValue]) {
    lua_createtable(L, 0, Int32(parameters.count))  // [+1]
    for name in parameters.keys.sorted() {
      guard let value = parameters[name], value != .none else { continue }
      push(parameter: value)  // [+1]
      lua_setfield(L, -2, name)  // [-1]
    }
  }

  /// Writes an estimator's warnings to stderr, after flushing stdout so
  /// the order on a terminal is right.
  func emit(warnings: [String]) {
    guard !warnings.isEmpty else { return }
    fflush(stdout)
    for warning in warnings {
      fputs("nightjar: warning: \(warning)\n", stderr)
    }
  }
}
