// ml.LogisticRegression: options, fit, predictions and fitted attributes.

import CLua
import NightjarCore

/// Binds LogisticRegression; translation only.
enum LogisticRegressionBindings {
  static let options: Set<String> = [
    "C", "penalty", "l1_ratio", "fit_intercept", "tol", "max_iter",
    "warm_start", "class_weight",
  ]

  static func register(in state: LuaState) {
    let model = LuaClass<LogisticRegression>(
      "LogisticRegression", group: "Models",
      help: """
        ml.LogisticRegression{options} -> model
          A linear classifier fitted by minimising the cross-entropy plus a
          penalty, as scikit-learn's LogisticRegression (lbfgs for smooth
          penalties; OWL-QN, exact for l1). Two classes or more
          (multinomial). Labels keep their type: strings stay strings.
        Options (defaults):
          C = 1              inverse regularisation strength, > 0
          penalty = "l2"     "l2", "l1", "elasticnet" or "none"
          l1_ratio = nil     the l1 share of "elasticnet", 0..1
          fit_intercept = true
          tol = 1e-4         largest gradient component at the optimum
          max_iter = 100
          warm_start = false start fit from the previous coefficients
          class_weight = nil "balanced" or {label = weight, ...}
        Example:
          local m = ml.LogisticRegression{C = 0.1, penalty = "l1"}
          m:fit(X, y); print(ml.accuracy_score(y, m:predict(X)))
        """)
    model.constructor { call throws(LuaError) in
      let fitted = LogisticRegression()
      try configure(fitted, call, 1)
      try call.push(fitted)
      return 1
    }
    addMethods(model)
    addAttributes(model)
    ModelFileBindings.addSave(model)
    model.describe { model in
      var text = "LogisticRegression{C = \(ParameterValue.number(model.C)), "
        + "penalty = \"\(model.penalty.rawValue)\"}"
      if let classes = model.classes {
        text += " fitted: \(classes.count) classes, "
          + "\(model.featureCount) features, \(model.iterations) iterations"
      }
      return text
    }
    state.register(model)
  }

  /// Sets the options table at `index` on `model`.
  static func configure(
    _ model: LogisticRegression, _ call: LuaCall, _ index: Int32
  ) throws(LuaError) {
    let values = try call.options(
      index, known: options, tables: ["class_weight"])
    do throws(NightjarError) {
      try model.setParameters(values)
    } catch {
      throw LuaError.option(error, index)
    }
    guard call.type(index) == LUA_TTABLE else { return }
    let kind = call.rawField(index, "class_weight")  // [+1]
    defer { call.pop() }  // [-1]
    if kind == LUA_TTABLE {
      model.classWeight = .table(try classWeights(call, index))
    }
  }

  /// {label = weight} on top of the stack, labels as text.
  private static func classWeights(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> [String: Double]
  {
    let L = call.L
    let table = lua_absindex(L, -1)
    var weights: [String: Double] = [:]
    var failure: LuaError?
    lua_pushnil(L)  // [+1]
    while lua_next(L, table) != 0 {  // [-1, +2]
      defer { call.pop() }  // [-1]
      var isNumber: Int32 = 0
      let weight = lua_tonumberx(L, -1, &isNumber)
      let key: String?
      switch lua_type(L, -2) {
      case LUA_TSTRING: key = luaString(L, -2)
      case LUA_TNUMBER: key = Labels.numbers([lua_tonumberx(L, -2, nil)])
        .text(at: 0)
      default: key = nil
      }
      if let key, isNumber != 0, lua_type(L, -1) == LUA_TNUMBER {
        weights[key] = weight
      } else if failure == nil {
        failure = .argument(
          index, "class_weight must map labels to numbers")
      }
    }
    if let failure { throw failure }
    return weights
  }

  private static func addMethods(_ model: LuaClass<LogisticRegression>) {
    model.method(
      "fit",
      help: """
        model:fit(X, y [, sample_weight]) -> model
          Fits to X (rows x features, a Matrix) and y (a vector or table of
          labels, one per row), optionally weighting rows. Warns on stderr
          when the solver did not converge.
        """
    ) { call, model throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      let y = try call.labels(3)
      let weights = try call.optionalMatrix(4)
      try MatrixBindings.core { try model.fit(x, y, sampleWeight: weights) }
      call.emit(warnings: model.warnings)
      return MatrixBindings.returnSelf(call)
    }
    model.method(
      "predict",
      help: """
        model:predict(X) -> labels
          The most probable class per row: a Matrix vector for numeric
          labels, a table for string labels.
        """
    ) { call, model throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try call.push(labels: try MatrixBindings.core { try model.predict(x) })
      return 1
    }
    model.method(
      "predict_proba",
      help: """
        model:predict_proba(X) -> Matrix (rows x classes)
          Class probabilities, columns in the order of classes_.
        """
    ) { call, model throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try call.push(
        matrix: try MatrixBindings.core { try model.predictProbability(x) })
      return 1
    }
    model.method(
      "predict_log_proba",
      help: """
        model:predict_log_proba(X) -> Matrix (rows x classes)
          The logarithms of predict_proba, computed without underflow.
        """
    ) { call, model throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try call.push(
        matrix: try MatrixBindings.core { try model.predictLogProbability(x) })
      return 1
    }
    model.method(
      "decision_function",
      help: """
        model:decision_function(X) -> Matrix
          Scores x.w + b: a vector (two classes) or rows x classes.
        """
    ) { call, model throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try call.push(
        matrix: try MatrixBindings.core { try model.decisionFunction(x) })
      return 1
    }
    model.method(
      "score",
      help: """
        model:score(X, y) -> accuracy
          The fraction of rows of X whose predicted label equals y's.
        """
    ) { call, model throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      let y = try call.labels(3)
      call.push(try MatrixBindings.core { try model.score(x, y) })
      return 1
    }
    model.method(
      "get_params",
      help: """
        model:get_params() -> table
          The hyper-parameters by name (nil ones left out).
        """
    ) { call, model throws(LuaError) in
      call.push(parameters: model.parameters)
      return 1
    }
    model.method(
      "set_params",
      help: """
        model:set_params{name = value, ...} -> model
          Changes hyper-parameters (the options of the constructor).
        """
    ) { call, model throws(LuaError) in
      try configure(model, call, 2)
      return MatrixBindings.returnSelf(call)
    }
  }

  private static func addAttributes(_ model: LuaClass<LogisticRegression>) {
    model.matrixField(
      "coef_", "Matrix (1 or classes) x features, after fit"
    ) { $0.coefficients }
    model.matrixField(
      "intercept_", "Matrix vector, one per coefficient row"
    ) { model in
      model.isFitted ? try? Matrix(vector: model.intercepts) : nil
    }
    model.property(
      "classes_", help: "the sorted labels seen by fit"
    ) { call, model throws(LuaError) in
      guard let classes = model.classes else {
        call.pushNil()
        return 1
      }
      try call.push(labels: classes)
      return 1
    }
    model.countField("n_iter_", "iterations the solver ran") { model in
      model.isFitted ? model.iterations : nil
    }
    model.property(
      "loss_curve_",
      help: "objective (cross-entropy + penalty) after each iteration"
    ) { call, model throws(LuaError) in
      guard model.isFitted else {
        call.pushNil()
        return 1
      }
      call.push(numbers: model.lossHistory)
      return 1
    }
    for name in options.sorted() {
      model.property(name, help: "hyper-parameter (see the options)") {
        call, model throws(LuaError) in
        if name == "class_weight", case .table(let table) = model.classWeight
        {
          lua_createtable(call.L, 0, Int32(table.count))  // [+1]
          for (label, weight) in table {
            call.push(weight)  // [+1]
            lua_setfield(call.L, -2, label)  // [-1]
          }
          return 1
        }
        call.push(parameter: model.parameters[name] ?? .none)  // [+1]
        return 1
      }
    }
  }
}
