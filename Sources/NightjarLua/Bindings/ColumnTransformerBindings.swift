// ml.ColumnTransformer: transformers for named columns of a DataFrame.

import CLua
import NightjarCore

/// Binds `NightjarCore.ColumnTransformer`; translation only.
enum ColumnTransformerBindings {
  static func register(in state: LuaState) {
    let transformer = LuaClass<ColumnTransformer>(
      "ColumnTransformer", group: "Preprocessing",
      help: """
        ml.ColumnTransformer{{name, transformer, columns}, ...
                             [, remainder = "drop"]} -> transformer
          Each transformer works on the DataFrame columns it names (a
          name or a list); fit and transform take a DataFrame and give
          one Matrix: the parts' outputs side by side, in order, then
          the other columns with remainder = "passthrough" (dropped by
          default). transformer is an estimator or "passthrough" or
          "drop". Encoders (OneHotEncoder, OrdinalEncoder) take text
          columns; the others take number and boolean columns. As the
          first step of an ml.Pipeline it lets the pipeline take a
          DataFrame as X. Parameters: remainder, and part__name.
        Example:
          local prep = ml.ColumnTransformer{
            {"num", ml.StandardScaler(), {"age", "income"}},
            {"cat", ml.OneHotEncoder(), "plan"}}
          local p = ml.Pipeline{{"prep", prep},
                                {"clf", ml.LogisticRegression()}}
          p:fit(df, df.churned)
        """)
    transformer.constructor { call throws(LuaError) in
      try call.push(try build(call))
      return 1
    }
    addMethods(transformer)
    transformer.describe { transformer in
      "ColumnTransformer{" + transformer.parts.map { part in
        let action: String
        switch part.action {
        case .transform(let estimator): action = type(of: estimator).name
        case .passthrough: action = "passthrough"
        case .drop: action = "drop"
        }
        return "\(part.name) = \(action)("
          + part.columns.joined(separator: ", ") + ")"
      }.joined(separator: ", ") + "}"
    }
    state.register(transformer)
  }

  /// The transformer described by the table at argument 1.
  private static func build(_ call: LuaCall) throws(LuaError)
    -> ColumnTransformer
  {
    try call.checkTable(1)
    let L = call.L
    let count = Int(lua_rawlen(L, 1))
    // Keys: the parts 1...count, and remainder.
    var unknown: String?
    lua_pushnil(L)  // [+1] first key
    while lua_next(L, 1) != 0 {  // [-1, +2] key, value
      call.pop()  // [-1] the key stays for the next step
      var isInteger: Int32 = 0
      let index = lua_tointegerx(L, -1, &isInteger)
      let isPart = lua_type(L, -1) == LUA_TNUMBER && isInteger != 0
        && index >= 1 && index <= count
      let name = lua_type(L, -1) == LUA_TSTRING ? luaString(L, -1) : nil
      if !isPart && name != "remainder" && unknown == nil {
        unknown = name.map { "'\($0)'" } ?? call.typeName(-1)
      }
    }
    if let unknown {
      throw call.argumentError(1, "unknown option \(unknown)")
    }
    var parts: [ColumnTransformer.Part] = []
    for position in 1...max(1, count) where count > 0 {
      _ = lua_rawgeti(L, 1, lua_Integer(position))  // [+1] the triple
      defer { call.pop() }  // [-1]
      parts.append(try part(call, position))
    }
    let kind = call.rawField(1, "remainder")  // [+1]
    let remainder = luaString(L, -1)
    call.pop()  // [-1]
    guard kind == LUA_TNIL || kind == LUA_TSTRING else {
      throw call.argumentError(
        1, "option 'remainder' must be a string, got "
          + DataFrameBindings.kindName(L, kind))
    }
    let created: ColumnTransformer
    do throws(NightjarError) {
      created = try ColumnTransformer(parts)
      if let remainder {
        try created.setParameter("remainder", .string(remainder))
      }
    } catch {
      throw LuaError.option(error, 1)
    }
    return created
  }

  /// The triple on top of the stack, number `position`.
  private static func part(_ call: LuaCall, _ position: Int)
    throws(LuaError) -> ColumnTransformer.Part
  {
    let L = call.L
    let shape = "part \(position) must be {name, transformer, columns}"
    guard lua_type(L, -1) == LUA_TTABLE, lua_rawlen(L, -1) == 3 else {
      throw call.argumentError(1, shape)
    }
    let triple = lua_absindex(L, -1)
    _ = lua_rawgeti(L, triple, 1)  // [+1]
    let name = luaString(L, -1)
    call.pop()  // [-1]
    guard let name else { throw call.argumentError(1, shape) }
    _ = lua_rawgeti(L, triple, 2)  // [+1]
    defer { call.pop() }  // [-1]
    let action: ColumnTransformer.Action
    if let word = luaString(L, -1) {
      switch word {
      case "passthrough": action = .passthrough
      case "drop": action = .drop
      default:
        throw call.argumentError(
          1, "part '\(name)': transformer \"\(word)\" must be an estimator, "
            + "\"passthrough\" or \"drop\"")
      }
    } else if let estimator = call.anyObject(-1) as? any Transformer {
      action = .transform(estimator)
    } else {
      let found = (call.anyObject(-1) as? any Estimator).map {
        "a \(type(of: $0).name), which cannot transform"
      } ?? call.typeName(-1)
      throw call.argumentError(
        1, "part '\(name)': transformer must be a transformer, "
          + "\"passthrough\" or \"drop\", got \(found)")
    }
    _ = lua_rawgeti(L, triple, 3)  // [+1]
    defer { call.pop() }  // [-1]
    let columns: [String]
    if let single = luaString(L, -1) {
      columns = [single]
    } else if lua_type(L, -1) == LUA_TTABLE {
      columns = try DataFrameBindings.strings(call, -1, argument: 1)
    } else {
      throw call.argumentError(
        1, "part '\(name)': columns must be a name or a list of names, "
          + "got \(call.typeName(-1))")
    }
    return ColumnTransformer.Part(name, action, columns)
  }

  private static func addMethods(_ transformer: LuaClass<ColumnTransformer>)
  {
    transformer.method(
      "fit", help: "ct:fit(df [, y]) -> ct\n  Fits every part on df."
    ) { call, transformer throws(LuaError) in
      let frame = try DataFrameBindings.frame(call, 2)
      let y = call.isNil(3) ? nil : try call.target(3)
      try MatrixBindings.core { try transformer.fit(frame, target: y) }
      return MatrixBindings.returnSelf(call)
    }
    transformer.method(
      "transform", help: "ct:transform(df) -> Matrix"
    ) { call, transformer throws(LuaError) in
      let frame = try DataFrameBindings.frame(call, 2)
      try call.push(matrix: try MatrixBindings.core {
        try transformer.transform(frame)
      })
      return 1
    }
    transformer.method(
      "fit_transform", help: "ct:fit_transform(df [, y]) -> Matrix"
    ) { call, transformer throws(LuaError) in
      let frame = try DataFrameBindings.frame(call, 2)
      let y = call.isNil(3) ? nil : try call.target(3)
      try call.push(matrix: try MatrixBindings.core {
        try transformer.fitTransform(frame, target: y)
      })
      return 1
    }
    transformer.method(
      "get_params", help: "ct:get_params() -> {remainder, part__name}"
    ) { call, transformer throws(LuaError) in
      call.push(parameters: transformer.parameters)
      return 1
    }
    transformer.method(
      "set_params",
      help: "ct:set_params{remainder = ..., part__name = value} -> ct"
    ) { call, transformer throws(LuaError) in
      let values = try call.options(
        2, known: Set(transformer.parameters.keys))
      do throws(NightjarError) {
        try transformer.setParameters(values)
      } catch {
        throw LuaError.option(error, 2)
      }
      return MatrixBindings.returnSelf(call)
    }
    transformer.method(
      "transformer",
      help: "ct:transformer(name) -> the estimator of that part"
    ) { call, transformer throws(LuaError) in
      let name = try call.string(2)
      guard let part = transformer.parts.first(where: { $0.name == name }),
        case .transform(let estimator) = part.action
      else {
        throw call.argumentError(2, "no transformer named '\(name)'")
      }
      try call.push(any: estimator)
      return 1
    }
    transformer.property(
      "remainder_columns_",
      help: "the columns no part names, as fit found them"
    ) { call, transformer throws(LuaError) in
      guard let columns = transformer.remainderColumns else {
        call.pushNil()
        return 1
      }
      call.push(strings: columns)
      return 1
    }
  }
}

extension LuaCall {
  /// The data frame at `index`, or nil for anything else.
  func optionalFrame(_ index: Int32) -> DataFrame? {
    optionalObject(LuaDataFrame.self, index)?.frame
  }
}
