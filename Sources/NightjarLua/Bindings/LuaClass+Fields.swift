// Fitted attributes of a bound class: nil before fit, a value after.

import NightjarCore

extension LuaClass {
  /// A field holding a Matrix, nil while `value` gives nil (before fit).
  func matrixField(
    _ name: String, _ help: String, _ value: @escaping (Object) -> Matrix?
  ) {
    property(name, help: help) { call, object throws(LuaError) in
      guard let matrix = value(object) else {
        call.pushNil()  // [+1]
        return 1
      }
      try call.push(matrix: matrix)  // [+1]
      return 1
    }
  }

  /// A field holding a count, nil while `value` gives nil.
  func countField(
    _ name: String, _ help: String, _ value: @escaping (Object) -> Int?
  ) {
    property(name, help: help) { call, object throws(LuaError) in
      if let count = value(object) {
        call.push(count)  // [+1]
      } else {
        call.pushNil()  // [+1]
      }
      return 1
    }
  }

  /// A field holding a number, nil while `value` gives nil.
  func numberField(
    _ name: String, _ help: String, _ value: @escaping (Object) -> Double?
  ) {
    property(name, help: help) { call, object throws(LuaError) in
      if let number = value(object) {
        call.push(number)  // [+1]
      } else {
        call.pushNil()  // [+1]
      }
      return 1
    }
  }
}
