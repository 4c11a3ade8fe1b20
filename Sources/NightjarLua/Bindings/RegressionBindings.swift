// ml.LinearRegression, ml.Ridge, ml.Lasso, ml.ElasticNet and the
// regression metrics in Lua.

import CLua
import CLuaShim
import NightjarCore

#if canImport(Glibc)
import Glibc
#endif

/// Binds the linear regressors of NightjarCore and the regression
/// metrics. Translation only: options tables become hyper-parameters,
/// Lua tables become matrices, warnings go to stderr; every number and
/// every domain message comes from Core.
enum RegressionBindings {
  static func register(in state: LuaState) {
    bind(state, LinearRegression.init, help: linearRegressionHelp) {
      model in
      model.property("rank_", help: "rank of the centred X") {
        call, m throws(LuaError) in
        try fitted(m, "rank_")
        call.push(m.rank)
        return 1
      }
      model.property(
        "singular_", help: "singular values of the centred X (vector)"
      ) { call, m throws(LuaError) in
        guard let values = m.singularValues else {
          throw LuaError(LinearRegression.notFitted("singular_"))
        }
        try call.push(matrix: try MatrixBindings.core { try values.copy() })
        return 1
      }
    }
    bind(state, Ridge.init, help: ridgeHelp) { _ in }
    bind(state, Lasso.init, help: lassoHelp) { model in
      descentFields(model, { $0.iterations }, { $0.dualGap })
    }
    bind(state, ElasticNet.init, help: elasticNetHelp) { model in
      descentFields(model, { $0.iterations }, { $0.dualGap })
    }
    defineMetrics(in: state)
  }

  // MARK: The class every regressor shares

  /// Registers `ml.<Model.name>`: the constructor taking an options
  /// table, fit / predict / score / get_params / set_params, and the
  /// fields coef_, intercept_ and n_features_in_; `extra` adds the
  /// model's own fields.
  private static func bind<Model: LinearRegressor>(
    _ state: LuaState, _ make: @escaping () -> Model, help: String,
    _ extra: (LuaClass<Model>) -> Void
  ) {
    let name = Model.name
    let model = LuaClass<Model>(name, group: "Regression", help: help)
    model.constructor { call throws(LuaError) in
      let object = make()
      if !call.isNil(1) {
        try call.checkTable(1)
        try setOptions(call, 1, object)
      }
      try call.push(object)
      return 1
    }
    let defaults = make().parameters
    model.describe { object in describe(object, defaults) }
    model.method(
      "fit",
      help: """
        model:fit(X, y [, sample_weight]) -> model
          Fits to X (a Matrix, rows x features, or a table of rows) and y
          (a vector of rows or a table of numbers), with optional
          non-negative sample weights (a vector or a table). Returns the
          model, so calls chain. NaN or infinity is an error naming its
          row and column; numerical trouble is a warning on stderr.
          Example: local m = ml.\(name)():fit(X, y)
        """
    ) { call, m throws(LuaError) in
      let x = try design(call, 2)
      let y = try vector(call, 3, "fit")
      let weights = call.isNil(4) ? nil : try vector(call, 4, "fit")
      try MatrixBindings.core { try m.fit(x, y, sampleWeight: weights) }
      warn(m.warnings)
      lua_pushvalue(call.L, 1)  // [+1] the model
      return 1
    }
    model.method(
      "predict",
      help: """
        model:predict(X) -> Matrix
          X w + b for each row of X (rows x the features seen by fit): a
          vector of rows. A vector X is one row.
          Example: local p = m:predict(Xte)
        """
    ) { call, m throws(LuaError) in
      let x = try design(call, 2)
      try call.push(matrix: try MatrixBindings.core { try m.predict(x) })
      return 1
    }
    model.method(
      "score",
      help: """
        model:score(X, y) -> number
          R^2 of the predictions for X against y (1 is perfect, 0 is no
          better than the mean of y), as ml.r2_score.
          Example: print(m:score(Xte, yte))
        """
    ) { call, m throws(LuaError) in
      let x = try design(call, 2)
      let y = try vector(call, 3, "score")
      call.push(try MatrixBindings.core { try m.score(x, y) })
      return 1
    }
    model.method(
      "get_params",
      help: """
        model:get_params() -> table
          The options by name, defaults included (nil ones absent).
          Example: print(m:get_params().alpha)
        """
    ) { call, m throws(LuaError) in
      pushParameters(call, m.parameters)
      return 1
    }
    model.method(
      "set_params",
      help: """
        model:set_params(options) -> model
          Sets options as the constructor does; unknown names and bad
          values are errors and leave the model unchanged.
          Example: m:set_params{alpha = 0.5}:fit(X, y)
        """
    ) { call, m throws(LuaError) in
      try call.checkTable(2)
      try setOptions(call, 2, m)
      lua_pushvalue(call.L, 1)  // [+1] the model
      return 1
    }
    model.property("coef_", help: "coefficients, one per feature (vector)") {
      call, m throws(LuaError) in
      guard let coefficients = m.coefficients else {
        throw LuaError(Model.notFitted("coef_"))
      }
      try call.push(matrix: coefficients)
      return 1
    }
    model.property("intercept_", help: "the intercept (0 without one)") {
      call, m throws(LuaError) in
      try fitted(m, "intercept_")
      call.push(m.intercept)
      return 1
    }
    model.property(
      "n_features_in_", help: "number of features seen by fit"
    ) { call, m throws(LuaError) in
      try fitted(m, "n_features_in_")
      call.push(m.featureCount)
      return 1
    }
    ModelFileBindings.addSave(model)
    extra(model)
    state.register(model)
  }

  /// Adds n_iter_ and dual_gap_, the coordinate descent's fields.
  private static func descentFields<Model: LinearRegressor>(
    _ model: LuaClass<Model>, _ iterations: @escaping (Model) -> Int,
    _ gap: @escaping (Model) -> Double
  ) {
    model.property("n_iter_", help: "passes over the features") {
      call, m throws(LuaError) in
      try fitted(m, "n_iter_")
      call.push(iterations(m))
      return 1
    }
    model.property(
      "dual_gap_", help: "duality gap reached, on the objective's scale"
    ) { call, m throws(LuaError) in
      try fitted(m, "dual_gap_")
      call.push(gap(m))
      return 1
    }
  }

  /// Throws `coef_: this Ridge is not fitted yet; call fit first` unless
  /// the model is fitted.
  private static func fitted<Model: LinearRegressor>(
    _ m: Model, _ field: String
  ) throws(LuaError) {
    guard m.isFitted else { throw LuaError(Model.notFitted(field)) }
  }

  /// `Ridge{alpha = 0.5}`: the class and its options that differ from
  /// `defaults`, as scikit-learn's repr shows them.
  private static func describe<Model: LinearRegressor>(
    _ m: Model, _ defaults: [String: ParameterValue]
  ) -> String {
    let parameters = m.parameters
    let changed = parameters.keys.sorted().compactMap {
      name -> String? in
      guard let value = parameters[name], value != defaults[name] else {
        return nil
      }
      return "\(name) = \(luaText(value))"
    }
    return Model.name + "{" + changed.joined(separator: ", ") + "}"
  }

  /// A parameter value as Lua source writes it.
  private static func luaText(_ value: ParameterValue) -> String {
    switch value {
    case .number(let number):
      if let whole = Int(exactly: number), Swift.abs(whole) < 1 << 53 {
        return String(whole)
      }
      return LuaNumberFormat.string(number)
    case .string(let text): return "\"\(text)\""
    case .boolean(let flag): return String(flag)
    case .none: return "nil"
    }
  }

  // MARK: Options tables

  /// Reads the options table at `index` (raw access, no metamethod) and
  /// sets them on `model`, all or none: `bad argument #1 to 'Ridge'
  /// (unknown option 'alpah')`, or Core's reason for a bad value as the
  /// same kind of argument error.
  private static func setOptions<Model: LinearRegressor>(
    _ call: LuaCall, _ index: Int32, _ model: Model
  ) throws(LuaError) {
    let options = try readOptions(call, index)
    let known = model.parameters
    for name in options.keys.sorted() where known[name] == nil {
      throw call.argumentError(index, "unknown option '\(name)'")
    }
    // Set on a copy first, so that a bad value leaves the model as it
    // was; then on the model, where the same values cannot fail.
    let trial = model.cloned()
    do throws(NightjarError) {
      try trial.setParameters(options)
      try model.setParameters(options)
    } catch {
      if case .invalidArgument(_, let message) = error {
        throw call.argumentError(index, message)
      }
      throw LuaError(error)
    }
  }

  /// The string-keyed entries of the table at `index` as parameter
  /// values. Numbers, booleans and strings are accepted; another value
  /// or key is `bad argument #1 to 'Ridge' (option 'alpha' must be a
  /// number, boolean or string, got table)`.
  ///
  /// `lua_next` is safe to call here: each key it is given is one it
  /// returned, from a table nothing modifies meanwhile, so it cannot
  /// raise "invalid key to 'next'"; it reads raw, running no metamethod.
  /// Keys are read only when they are strings (lua_tolstring would turn
  /// a number key into a string in place and break the traversal).
  private static func readOptions(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> [String: ParameterValue]
  {
    let L = call.L
    let table = lua_absindex(L, index)
    var options: [String: ParameterValue] = [:]
    lua_pushnil(L)  // [+1] before the first key
    while lua_next(L, table) != 0 {  // [-1, +2] key, value
      defer { luaPop(L, 1) }  // [-1] the value; the key stays for next
      guard let name = luaString(L, -2) else {
        let kind = String(cString: lua_typename(L, lua_type(L, -2)))
        throw call.argumentError(
          index, "option names must be strings, got a \(kind) key")
      }
      switch lua_type(L, -1) {
      case LUA_TNUMBER:
        options[name] = .number(lua_tonumberx(L, -1, nil))
      case LUA_TBOOLEAN:
        options[name] = .boolean(lua_toboolean(L, -1) != 0)
      case LUA_TSTRING:
        options[name] = .string(luaString(L, -1) ?? "")
      default:
        let kind = String(cString: lua_typename(L, lua_type(L, -1)))
        throw call.argumentError(
          index,
          "option '\(name)' must be a number, boolean or string, got \(kind)")
      }
    }
    return options
  }

  /// Pushes the parameters as a table; whole numbers as integers (so
  /// `max_iter` prints as 1000, not 1000.0), nil values left out. [+1]
  private static func pushParameters(
    _ call: LuaCall, _ parameters: [String: ParameterValue]
  ) {
    let L = call.L
    lua_createtable(L, 0, Int32(parameters.count))  // [+1]
    for name in parameters.keys.sorted() {
      switch parameters[name] ?? .none {
      case .number(let number):
        if let whole = Int(exactly: number), Swift.abs(whole) < 1 << 53 {
          call.push(whole)  // [+1]
        } else {
          call.push(number)  // [+1]
        }
      case .string(let text): call.push(text)  // [+1]
      case .boolean(let flag): call.push(flag)  // [+1]
      case .none: continue
      }
      lua_setfield(L, -2, name)  // [-1]
    }
  }

  // MARK: Arguments

  /// X at `index`: a Matrix, or a table of rows (or of numbers, a
  /// vector) read as `ml.Matrix` reads it. `bad argument #1 to 'fit'
  /// (Matrix expected, got string)` otherwise.
  private static func design(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> Matrix
  {
    if call.type(index) == LUA_TTABLE {
      return try MatrixBindings.readMatrix(call, index)
    }
    return try call.object(Matrix.self, index)
  }

  /// y, predictions or weights at `index`: a Matrix, or a table of
  /// numbers. `bad argument #2 to 'fit' (Matrix or table expected, got
  /// string)` otherwise.
  private static func vector(
    _ call: LuaCall, _ index: Int32, _ operation: String
  ) throws(LuaError) -> Matrix {
    if call.type(index) == LUA_TTABLE {
      let values = try MatrixBindings.readNumbers(
        call, index, operation: operation)
      return try MatrixBindings.core { try Matrix(vector: values) }
    }
    if let matrix = call.optionalObject(Matrix.self, index) { return matrix }
    if call.type(index) == LUA_TUSERDATA {
      // A released Matrix says so rather than "Matrix expected".
      do throws(LuaError) {
        _ = try call.object(Matrix.self, index)
      } catch {
        if case .message = error { throw error }
      }
    }
    throw call.typeError(index, expected: "Matrix or table")
  }

  /// Writes each warning to stderr as `nightjar: warning: <text>`, after
  /// flushing stdout so that the two streams interleave in order.
  static func warn(_ texts: [String]) {
    guard !texts.isEmpty else { return }
    fflush(stdout)
    for text in texts { fputs("nightjar: warning: \(text)\n", stderr) }
    fflush(stderr)
  }

  // MARK: Metrics

  private static func defineMetrics(in state: LuaState) {
    let metrics:
      [(String, String, (Matrix, Matrix) throws(NightjarError) -> Double)] = [
        (
          "r2_score",
          """
          ml.r2_score(y_true, y_pred) -> number
            The coefficient of determination, 1 - SS_res / SS_tot: 1 for a
            perfect prediction, 0 for predicting the mean, negative when
            worse. A constant y_true gives 1 if predicted exactly, else 0.
            Example: print(ml.r2_score(yte, m:predict(Xte)))
          """,
          RegressionMetrics.r2
        ),
        (
          "mean_squared_error",
          """
          ml.mean_squared_error(y_true, y_pred) -> number
            The mean of (y_true - y_pred)^2.
            Example: print(ml.mean_squared_error(yte, m:predict(Xte)))
          """,
          RegressionMetrics.meanSquaredError
        ),
        (
          "mean_absolute_error",
          """
          ml.mean_absolute_error(y_true, y_pred) -> number
            The mean of |y_true - y_pred|.
            Example: print(ml.mean_absolute_error(yte, m:predict(Xte)))
          """,
          RegressionMetrics.meanAbsoluteError
        ),
      ]
    for (name, help, metric) in metrics {
      state.define(name, group: "Metrics", help: help) {
        call throws(LuaError) in
        let truth = try vector(call, 1, name)
        let predicted = try vector(call, 2, name)
        do throws(NightjarError) {
          call.push(try metric(truth, predicted))
        } catch {
          throw LuaError(error)
        }
        return 1
      }
    }
  }

  // MARK: Help texts

  static let linearRegressionHelp = """
    ml.LinearRegression([options]) -> LinearRegression
      Ordinary least squares: the w and b minimising
      sum_i s_i (y_i - x_i w - b)^2 (s: sample weights, 1 by default), by
      LAPACK's SVD solver (dgelsd), so collinear or constant columns and
      more features than rows give the minimum-norm w, as scikit-learn.
      Options (defaults):
        fit_intercept = true   fit b; false means b = 0
        tol = 1e-6             singular values below tol x the largest
                               count as zero
      Example: local m = ml.LinearRegression():fit(X, y)
               print(m.coef_, m.intercept_, m:score(X, y))
    """

  static let ridgeHelp = """
    ml.Ridge([options]) -> Ridge
      Least squares with an L2 penalty: minimises
      sum_i s_i (y_i - x_i w - b)^2 + alpha |w|^2, the intercept not
      penalised. Solved by Cholesky on X'X + alpha I (or on XX' + alpha I
      when there are more features than rows), by SVD when that is not
      positive definite.
      Options (defaults):
        alpha = 1              penalty strength, >= 0
        fit_intercept = true   fit b; false means b = 0
        solver = "auto"        "auto" or "cholesky" (Cholesky, SVD when
                               needed) or "svd"
      Example: local m = ml.Ridge{alpha = 10}:fit(X, y)
    """

  static let lassoHelp = """
    ml.Lasso([options]) -> Lasso
      Least squares with an L1 penalty, which sets some coefficients to
      exactly 0: minimises 1/(2n) sum_i s_i (y_i - x_i w - b)^2
      + alpha |w|_1 by coordinate descent, stopped by the duality gap as
      scikit-learn's Lasso. A fit that reaches max_iter keeps its result
      and prints a warning on stderr.
      Options (defaults):
        alpha = 1              penalty strength, >= 0
        fit_intercept = true   fit b (not penalised)
        max_iter = 1000        passes over the features allowed
        tol = 1e-4             stop when dual_gap_ <= tol var(y)
        warm_start = false     start from the previous coef_
        positive = false       keep coefficients >= 0
        selection = "cyclic"   or "random": features in a seeded order
        seed = nil             seed of the random order (nil is 0)
        precompute = "auto"    work on X'X: true, false, or "auto" (when
                               rows > features and features <= 128)
      Example: local m = ml.Lasso{alpha = 0.1}:fit(X, y)
               print(m.coef_, m.n_iter_)
    """

  static let elasticNetHelp = """
    ml.ElasticNet([options]) -> ElasticNet
      Least squares with a mixed L1 and L2 penalty: minimises
      1/(2n) sum_i s_i (y_i - x_i w - b)^2 + alpha l1_ratio |w|_1
      + alpha (1 - l1_ratio) / 2 |w|^2 by coordinate descent, stopped by
      the duality gap as scikit-learn's ElasticNet. A fit that reaches
      max_iter keeps its result and prints a warning on stderr.
      Options (defaults):
        alpha = 1              penalty strength, >= 0
        l1_ratio = 0.5         the L1 share, in [0, 1] (1 is the Lasso)
        fit_intercept = true   fit b (not penalised)
        max_iter = 1000        passes over the features allowed
        tol = 1e-4             stop when dual_gap_ <= tol var(y)
        warm_start = false     start from the previous coef_
        positive = false       keep coefficients >= 0
        selection = "cyclic"   or "random": features in a seeded order
        seed = nil             seed of the random order (nil is 0)
        precompute = "auto"    work on X'X: true, false, or "auto" (when
                               rows > features and features <= 128)
      Example: local m = ml.ElasticNet{alpha = 0.1, l1_ratio = 0.5}
               m:fit(X, y); print(m.coef_, m:score(X, y))
    """
}
