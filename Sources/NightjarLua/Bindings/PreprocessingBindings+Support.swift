// What the preprocessing bindings share: options with pairs, get_params
// and set_params, fit/transform methods and fitted attributes.

import CLua
import NightjarCore

extension PreprocessingBindings {
  /// Sets the options table at `index` on `estimator`. Keys must be in
  /// `known`; those in `pairs` take a table {low, high} (or the text
  /// "(low, high)"): `bad argument #1 to 'MinMaxScaler' ('feature_range'
  /// must be a table {low, high} of two numbers)` otherwise.
  static func configure<Object: Estimator>(
    _ estimator: Object, _ call: LuaCall, _ index: Int32,
    known: Set<String>, pairs: Set<String> = []
  ) throws(LuaError) {
    var values = try call.options(index, known: known, tables: pairs)
    if call.type(index) == LUA_TTABLE {
      for name in pairs.sorted() {
        let kind = call.rawField(index, name)  // [+1]
        defer { call.pop() }  // [-1]
        if kind == LUA_TTABLE {
          values[name] = try pair(call, index, name)
        } else if kind == LUA_TUSERDATA {
          throw .argument(
            index, "'\(name)' must be a table {low, high} of two numbers")
        }
      }
    }
    do throws(NightjarError) {
      try estimator.setParameters(values)
    } catch {
      throw LuaError.option(error, index)
    }
  }

  /// The table {low, high} on top of the stack as a pair parameter.
  private static func pair(_ call: LuaCall, _ index: Int32, _ name: String)
    throws(LuaError) -> ParameterValue
  {
    let L = call.L
    let table = lua_absindex(L, -1)
    var numbers: [Double] = []
    for position in 1...2 {
      if lua_rawgeti(L, table, lua_Integer(position)) == LUA_TNUMBER {  // [+1]
        numbers.append(lua_tonumberx(L, -1, nil))
      }
      call.pop()  // [-1]
    }
    guard numbers.count == 2, lua_rawlen(L, table) == 2 else {
      throw .argument(
        index, "'\(name)' must be a table {low, high} of two numbers")
    }
    return RangeParameter.value(numbers[0], numbers[1])
  }

  /// Pushes one hyper-parameter: a pair as the table {low, high}, a
  /// whole number as an integer, none as nil. [+1]
  static func push(_ call: LuaCall, parameter value: ParameterValue,
                   pair: Bool = false)
  {
    switch value {
    case .number(let number):
      if number == number.rounded(), Swift.abs(number) < 1e15 {
        call.push(Int(number))  // [+1]
      } else {
        call.push(number)  // [+1]
      }
    case .string(let text):
      if pair, let (low, high) = try? RangeParameter.pair(
        value, for: "", in: "")
      {
        lua_createtable(call.L, 2, 0)  // [+1]
        for (position, number) in [low, high].enumerated() {
          push(call, parameter: .number(number))  // [+1]
          lua_rawseti(call.L, -2, lua_Integer(position + 1))  // [-1]
        }
      } else {
        call.push(text)  // [+1]
      }
    case .boolean(let flag): call.push(flag)  // [+1]
    case .none: call.pushNil()  // [+1]
    }
  }

  /// Adds get_params, set_params and a field per hyper-parameter.
  static func addParameters<Object: Estimator>(
    _ luaClass: LuaClass<Object>, known: Set<String>,
    pairs: Set<String> = []
  ) {
    luaClass.method(
      "get_params",
      help: """
        object:get_params() -> table
          The hyper-parameters by name (nil ones left out).
        """
    ) { call, object throws(LuaError) in
      let parameters = object.parameters
      lua_createtable(call.L, 0, Int32(parameters.count))  // [+1]
      for name in parameters.keys.sorted() {
        guard let value = parameters[name], value != .none else { continue }
        push(call, parameter: value, pair: pairs.contains(name))  // [+1]
        lua_setfield(call.L, -2, name)  // [-1]
      }
      return 1
    }
    luaClass.method(
      "set_params",
      help: """
        object:set_params{name = value, ...} -> object
          Changes hyper-parameters (the options of the constructor).
        """
    ) { call, object throws(LuaError) in
      try configure(object, call, 2, known: known, pairs: pairs)
      return MatrixBindings.returnSelf(call)
    }
    for name in known.sorted() {
      luaClass.property(name, help: "hyper-parameter (see the options)") {
        call, object throws(LuaError) in
        push(call, parameter: object.parameters[name] ?? .none,
             pair: pairs.contains(name))  // [+1]
        return 1
      }
    }
  }

  /// A constructor `ml.Name{options}` for a class with a plain init.
  static func addConstructor<Object: Persistable>(
    _ luaClass: LuaClass<Object>, known: Set<String>,
    pairs: Set<String> = []
  ) {
    luaClass.constructor { call throws(LuaError) in
      let created = Object()
      try configure(created, call, 1, known: known, pairs: pairs)
      try call.push(created)
      return 1
    }
  }

  /// Adds fit, transform and fit_transform, and inverse_transform when
  /// given. `noun` names the object in the help ("scaler").
  static func addTransformer<Object: Transformer>(
    _ luaClass: LuaClass<Object>, noun: String, fit: String,
    transform: String,
    inverse: ((Object, Matrix) throws(NightjarError) -> Matrix)? = nil
  ) {
    luaClass.method(
      "fit", help: "\(noun):fit(X [, y]) -> \(noun)\n  \(fit)"
    ) { call, object throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try MatrixBindings.core { try object.fit(x, target: nil) }
      return MatrixBindings.returnSelf(call)
    }
    luaClass.method(
      "transform", help: "\(noun):transform(X) -> Matrix\n  \(transform)"
    ) { call, object throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try call.push(matrix: try MatrixBindings.core {
        try object.transform(x)
      })
      return 1
    }
    luaClass.method(
      "fit_transform",
      help: "\(noun):fit_transform(X [, y]) -> Matrix\n"
        + "  fit, then transform the same rows."
    ) { call, object throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try call.push(matrix: try MatrixBindings.core {
        try object.fitTransform(x)
      })
      return 1
    }
    guard let inverse else { return }
    luaClass.method(
      "inverse_transform",
      help: "\(noun):inverse_transform(X) -> Matrix\n"
        + "  Undoes transform: back to the units of fit."
    ) { call, object throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try call.push(matrix: try MatrixBindings.core {
        try inverse(object, x)
      })
      return 1
    }
  }
}
