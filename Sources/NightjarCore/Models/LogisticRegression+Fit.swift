// Fitting a LogisticRegression: checks, weights, the solver, the state.

extension LogisticRegression {
  /// Fits to X (rows x features) and the labels y (one per row), with
  /// optional weights per row. Returns when the solver stops; a solver
  /// that used up `maxIterations` leaves a warning in `warnings`.
  ///
  /// Errors: rows of X and y differ, X empty or not finite, y with one
  /// class, NaN labels, elasticnet without l1_ratio, bad weights.
  public func fit(_ x: Matrix, _ y: Labels, sampleWeight: Matrix? = nil)
    throws(NightjarError)
  {
    try Validation.design(x, "fit")
    try Validation.sameRows(x, y.count, "fit")
    let found = try y.classes("fit")
    guard found.count >= 2 else {
      throw .invalidArgument(
        operation: "fit",
        message: "y has only one class (\(found.text(at: 0))); a "
          + "classifier needs at least two")
    }
    guard let classIndex = y.encode(with: found) else {
      throw .invalidArgument(operation: "fit", message: "bad labels")
    }
    var weights = try Validation.weights(
      sampleWeight, rows: x.rows, "fit")
    try applyClassWeights(&weights, classIndex, found)
    guard penalty != .elasticnet || l1Ratio != nil else {
      throw .invalidArgument(
        operation: "fit",
        message: "penalty 'elasticnet' needs l1_ratio (between 0 and 1)")
    }

    let k = found.count
    let outputs = k == 2 ? 1 : k
    let p = x.columns
    var weightSum = 0.0
    for w in weights { weightSum += w }
    let strength = 1 / (C * weightSum)
    let ratio = penalty == .l1 ? 1 : (penalty == .elasticnet
      ? (l1Ratio ?? 0) : 0)
    let l2 = penalty == .none ? 0 : strength * (1 - ratio)
    let loss = LogisticLoss(
      x: UnsafePointer(x.base), rows: x.rows, features: p,
      classIndex: classIndex.map { Int32($0) }, weights: weights,
      classCount: k, fitIntercept: fitIntercept, l2: l2)
    var parameters = startingPoint(outputs: outputs, features: p,
                                   classes: found)
    let result: OptimizationResult
    if ratio > 0 && penalty != .none {
      var l1 = [Double](repeating: 0, count: loss.parameterCount)
      for j in 0..<(outputs * p) { l1[j] = strength * ratio }
      var solver = OWLQN()
      solver.maxIterations = maxIterations
      solver.gradientTolerance = tol
      result = try solver.minimize(&parameters, l1: l1) {
        (point, gradient) throws(NightjarError) in
        try loss.evaluate(point, gradient)
      }
    } else {
      var solver = LBFGS()
      solver.maxIterations = maxIterations
      solver.gradientTolerance = tol
      result = try solver.minimize(&parameters) {
        (point, gradient) throws(NightjarError) in
        try loss.evaluate(point, gradient)
      }
    }

    let coefficients = try Matrix(
      outputs, p, values: Array(parameters[0..<(outputs * p)]))
    self.coefficients = coefficients
    intercepts = fitIntercept
      ? Array(parameters[(outputs * p)...]) : [Double](repeating: 0,
                                                      count: outputs)
    if outputs > 1 && fitIntercept {
      // Softmax ignores a constant added to every intercept, and the
      // intercepts are not penalised, so only their differences are
      // determined: report the solution whose intercepts sum to zero,
      // the one scikit-learn's solvers reach.
      let mean = intercepts.reduce(0, +) / Double(outputs)
      intercepts = intercepts.map { $0 - mean }
    }
    classes = found
    iterations = result.iterations
    lossHistory = result.history
    converged = result.converged
    warnings = []
    if !result.converged {
      let solver = ratio > 0 ? "owlqn" : "lbfgs"
      warnings.append(
        "LogisticRegression: \(solver) did not converge in "
          + "\(maxIterations) iterations; increase max_iter or scale the "
          + "features (StandardScaler)")
    }
  }

  /// Zeros, or with `warmStart` the previous fit's parameters when they
  /// have the same shape and classes.
  private func startingPoint(outputs: Int, features: Int, classes: Labels)
    -> [Double]
  {
    let count = outputs * features + (fitIntercept ? outputs : 0)
    guard warmStart, let previous = coefficients, self.classes == classes,
      previous.rows == outputs, previous.columns == features
    else { return [Double](repeating: 0, count: count) }
    var start = previous.toArray()
    if fitIntercept { start += intercepts }
    return start
  }

  /// Multiplies each row's weight by its class's weight.
  private func applyClassWeights(
    _ weights: inout [Double], _ classIndex: [Int32], _ classes: Labels
  ) throws(NightjarError) {
    guard let classWeight else { return }
    let k = classes.count
    var perClass = [Double](repeating: 1, count: k)
    switch classWeight {
    case .balanced:
      var sums = [Double](repeating: 0, count: k)
      var total = 0.0
      for (row, code) in classIndex.enumerated() {
        sums[Int(code)] += weights[row]
        total += weights[row]
      }
      for c in 0..<k where sums[c] > 0 {
        perClass[c] = total / (Double(k) * sums[c])
      }
    case .table(let table):
      for (label, weight) in table {
        guard let c = (0..<k).first(where: { classes.text(at: $0) == label })
        else {
          throw .invalidArgument(
            operation: "fit",
            message: "class_weight names the label '\(label)', which is "
              + "not in y")
        }
        perClass[c] = weight
      }
    }
    for row in 0..<weights.count {
      weights[row] *= perClass[Int(classIndex[row])]
    }
  }
}
