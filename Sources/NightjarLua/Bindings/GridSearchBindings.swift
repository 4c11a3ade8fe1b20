// ml.GridSearchCV: the grid from Lua tables, the search, its results.

import CLua
import NightjarCore

/// Binds GridSearchCV; translation only.
enum GridSearchBindings {
  static func register(in state: LuaState) {
    let search = LuaClass<GridSearchCV>(
      "GridSearchCV", group: "Model selection",
      help: """
        ml.GridSearchCV(estimator, grid [, {cv = 5, scoring = nil,
                        refit = true}]) -> search
          Cross-validates every combination of the grid's values and keeps
          the best (highest mean test score; the first on a tie).
          grid: {C = {0.1, 1, 10}, penalty = {"l1", "l2"}} or a list of
          such tables. cv = k means StratifiedKFold for classifiers, KFold
          otherwise (no shuffling), as scikit-learn. Fits run on all
          cores; the result is the same for any number of them.
        Example:
          local g = ml.GridSearchCV(ml.LogisticRegression(),
            {C = {0.1, 1, 10}, penalty = {"l1", "l2"}}, {cv = 5}):fit(X, y)
          print(g.best_params_.C, g.best_score_)
        """)
    search.constructor { call throws(LuaError) in
      let estimator = try call.estimator(1)
      let grids = try readGrids(call, 2)
      let grid = try MatrixBindings.core {
        try ParameterGrid(grids, operation: "GridSearchCV")
      }
      _ = try call.options(3, known: ["cv", "scoring", "refit"],
                           tables: ["cv"])
      let created = GridSearchCV(estimator.cloned(), grid: grid)
      do throws(NightjarError) {
        try created.checkParameters()
      } catch {
        throw LuaError.option(error, 2)
      }
      created.folds = try SelectionBindings.folds(call, 3)
      created.scorer = try SelectionBindings.scorer(call, 3, "GridSearchCV")
      if call.type(3) == LUA_TTABLE {
        let kind = call.rawField(3, "refit")  // [+1]
        if kind != LUA_TNIL { created.refit = lua_toboolean(call.L, -1) != 0 }
        call.pop()  // [-1]
      }
      try call.push(created)
      return 1
    }
    addSearchMembers(search)
    state.register(search)
  }

  /// Adds fit, predict, score, the fitted fields and tostring to a
  /// search class (GridSearchCV or RandomizedSearchCV).
  static func addSearchMembers<Search: CandidateSearch>(
    _ search: LuaClass<Search>
  ) {
    search.method(
      "fit",
      help: """
        search:fit(X, y [, sample_weight]) -> search
          Runs the search (Ctrl-C stops it) and, with refit, fits the best
          candidate on all rows.
        """
    ) { call, search throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      let y = try call.target(3)
      let weights = try call.optionalMatrix(4)
      let bar = ProgressBar.forTerminal(Search.name)
      search.progress = bar.map { bar in { done, total in
        bar.draw(done, total)
      } }
      defer {
        bar?.finish()
        search.progress = nil
      }
      try MatrixBindings.core {
        try search.fit(x, y, sampleWeight: weights)
      }
      call.emit(
        warnings: (search.results?.failures ?? []).map { "fit failed: \($0)" })
      return MatrixBindings.returnSelf(call)
    }
    search.method(
      "predict", help: "search:predict(X): best_estimator_:predict(X)"
    ) { call, search throws(LuaError) in
      let best = try bestEstimator(search)
      let x = try call.object(Matrix.self, 2)
      try call.push(target: try MatrixBindings.core {
        try best.predict(target: x)
      })
      return 1
    }
    search.method(
      "score", help: "search:score(X, y): the scorer on the best estimator"
    ) { call, search throws(LuaError) in
      let best = try bestEstimator(search)
      let x = try call.object(Matrix.self, 2)
      let y = try call.target(3)
      call.push(try MatrixBindings.core {
        try search.scorer.score(best, x, y)
      })
      return 1
    }
    addResults(search)
    search.describe { search in
      var text = "\(Search.name)(\(type(of: search.estimator).name), "
        + "\(search.candidates.count) candidates)"
      if let best = search.bestParameters, let results = search.results {
        text += " best: " + parameterText(best)
          + " score \(LuaNumberFormat.string(results.bestScore))"
      }
      return text
    }
  }

  private static func bestEstimator<Search: CandidateSearch>(
    _ search: Search
  )
    throws(LuaError) -> any SupervisedEstimator
  {
    guard let best = search.bestEstimator else {
      throw .message(
        search.results == nil
          ? "this \(Search.name) is not fitted yet; call fit first"
          : "refit is false: there is no best_estimator_")
    }
    return best
  }

  static func parameterText(_ parameters: [String: ParameterValue]) -> String
  {
    "{" + parameters.keys.sorted().compactMap { name in
      parameters[name].map { "\(name) = \($0)" }
    }.joined(separator: ", ") + "}"
  }

  private static func addResults<Search: CandidateSearch>(
    _ search: LuaClass<Search>
  ) {
    search.property(
      "best_params_", help: "the best candidate's parameters (a table)"
    ) { call, search throws(LuaError) in
      guard let best = search.bestParameters else {
        call.pushNil()
        return 1
      }
      call.push(parameters: best)
      return 1
    }
    search.numberField(
      "best_score_", "the best candidate's mean test score"
    ) { $0.results?.bestScore }
    search.countField(
      "best_index_", "the best candidate's row in cv_results_"
    ) { $0.results.map { $0.bestIndex + 1 } }
    search.property(
      "best_estimator_", help: "the best candidate refitted on all rows"
    ) { call, search throws(LuaError) in
      guard let best = search.bestEstimator else {
        call.pushNil()
        return 1
      }
      try call.push(any: best)
      return 1
    }
    search.property(
      "refit_time_", help: "seconds the refit took"
    ) { call, search throws(LuaError) in
      call.push(search.refitTime)
      return 1
    }
    search.property(
      "cv_results_",
      help: "columns: params, mean_test_score, std_test_score, "
        + "rank_test_score, splitK_test_score, mean_fit_time"
    ) { call, search throws(LuaError) in
      guard let results = search.results else {
        call.pushNil()
        return 1
      }
      let L = call.L
      lua_createtable(L, 0, 8)  // [+1]
      lua_createtable(L, Int32(results.candidates.count), 0)  // [+1]
      for (row, candidate) in results.candidates.enumerated() {
        call.push(parameters: candidate)  // [+1]
        lua_rawseti(L, -2, lua_Integer(row + 1))  // [-1]
      }
      lua_setfield(L, -2, "params")  // [-1]
      let columns: [(String, [Double])] = [
        ("mean_test_score", results.meanScores),
        ("std_test_score", results.standardDeviations),
        ("rank_test_score", results.ranks.map(Double.init)),
        ("mean_fit_time", results.fitTimes.map {
          $0.reduce(0, +) / Double(max(1, $0.count))
        }),
      ] + (0..<(results.scores.first?.count ?? 0)).map { fold in
        ("split\(fold + 1)_test_score", results.scores.map { $0[fold] })
      }
      for (name, values) in columns {
        try call.push(matrix: MatrixBindings.core {
          try Matrix(vector: values)
        })  // [+1]
        lua_setfield(L, -2, name)  // [-1]
      }
      return 1
    }
  }

  /// The grid at `index`: one table of name = values, or a list of them.
  static func readGrids(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> [[String: [ParameterValue]]]
  {
    try call.checkTable(index)
    let L = call.L
    let table = lua_absindex(L, index)
    if lua_rawgeti(L, table, 1) == LUA_TTABLE {  // [+1]
      call.pop()  // [-1]
      var grids: [[String: [ParameterValue]]] = []
      for position in 1...Int(lua_rawlen(L, table)) {
        _ = lua_rawgeti(L, table, lua_Integer(position))  // [+1]
        defer { call.pop() }  // [-1]
        guard lua_type(L, -1) == LUA_TTABLE else {
          throw call.argumentError(
            index, "grid \(position) must be a table, got "
              + call.typeName(-1))
        }
        grids.append(try readGrid(call, index, lua_absindex(L, -1)))
      }
      return grids
    }
    call.pop()  // [-1]
    return [try readGrid(call, index, table)]
  }

  private static func readGrid(
    _ call: LuaCall, _ argument: Int32, _ table: Int32
  ) throws(LuaError) -> [String: [ParameterValue]] {
    let L = call.L
    var grid: [String: [ParameterValue]] = [:]
    var failure: LuaError?
    lua_pushnil(L)  // [+1]
    while lua_next(L, table) != 0 {  // [-1, +2]
      defer { call.pop() }  // [-1]
      guard failure == nil else { continue }
      guard let name = luaString(L, -2) else {
        failure = call.argumentError(argument, "grid keys must be names")
        continue
      }
      if lua_type(L, -1) == LUA_TTABLE {
        var values: [ParameterValue] = []
        let list = lua_absindex(L, -1)
        for position in 0..<Int(lua_rawlen(L, list)) {
          _ = lua_rawgeti(L, list, lua_Integer(position + 1))  // [+1]
          if let value = parameter(L, -1) {
            values.append(value)
          } else if failure == nil {
            failure = call.argumentError(
              argument, "grid values of '\(name)' must be numbers, strings "
                + "or booleans")
          }
          call.pop()  // [-1]
        }
        grid[name] = values
      } else if let value = parameter(L, -1) {
        grid[name] = [value]
      } else {
        failure = call.argumentError(
          argument, "grid values of '\(name)' must be a list")
      }
    }
    if let failure { throw failure }
    return grid
  }

  private static func parameter(_ L: OpaquePointer, _ index: Int32)
    -> ParameterValue?
  {
    switch lua_type(L, index) {
    case LUA_TNUMBER: return .number(lua_tonumberx(L, index, nil))
    case LUA_TSTRING: return luaString(L, index).map { .string($0) }
    case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
    default: return nil
    }
  }
}
