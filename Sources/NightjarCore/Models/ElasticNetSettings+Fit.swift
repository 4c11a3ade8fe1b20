// Fitting an elastic net: input checks, centring, coordinate descent,
// and the warnings a run leaves.

/// What one elastic-net fit produced.
struct ElasticNetFit {
  var linear: LinearFit
  /// Passes over the features (scikit-learn's `n_iter_`).
  var iterations: Int
  /// The final duality gap divided by rows (scikit-learn's `dual_gap_`).
  var dualGap: Double
}

extension ElasticNetSettings {
  /// Fits the objective
  ///
  ///     1 / (2 n) sum_i s_i (y_i - x_i . w - b)^2
  ///       + alpha l1_ratio |w|_1 + alpha (1 - l1_ratio) / 2 |w|^2
  ///
  /// to X (rows x features) and y (rows), with weights s rescaled to sum
  /// to n = rows as scikit-learn does. The data are centred and scaled
  /// (`CenteredProblem`), the penalties multiplied by n to match the
  /// sum-of-squares form `CoordinateDescent` minimises, and b recovered
  /// from the means. `start` (features) is the warm start, if any.
  /// Returns the fit and the warnings to show (no convergence, alpha 0).
  func fit(
    _ x: Matrix, _ y: Matrix, sampleWeight: Matrix?, start: [Double]?,
    estimator: String
  ) throws(NightjarError) -> (ElasticNetFit, [String]) {
    var weights = try RegressionInput.checkFit(x, y, sampleWeight)
    let n = x.rows
    let p = x.columns
    if var scaled = weights {
      // The objective averages over the weights; rescaling them to sum
      // to n keeps alpha's meaning the same with and without weights.
      var sum = 0.0
      for weight in scaled { sum += weight }
      for i in 0..<n { scaled[i] *= Double(n) / sum }
      weights = scaled
    }

    let problem = try CenteredProblem(
      x: x, y: y, weights: weights, fitIntercept: fitIntercept,
      layout: .byFeatures, operation: "fit")
    var w = [Double](repeating: 0, count: p)
    if warmStart, let start, start.count == p { w = start }
    let l1 = alpha * l1Ratio * Double(n)
    let l2 = alpha * (1 - l1Ratio) * Double(n)
    let useGram: Bool
    switch precompute {
    case .always: useGram = true
    case .never: useGram = false
    case .auto: useGram = n > p && p <= Self.gramFeatureLimit
    }
    let generator = selection == "random"
      ? RandomGenerator(seed: seed ?? 0) : nil
    let result = try w.withUnsafeMutableBufferPointer {
      (buffer) throws(NightjarError) -> CoordinateDescentResult in
      guard let weights = buffer.baseAddress else {
        return CoordinateDescentResult(
          gap: 0, tolerance: 0, iterations: 0, converged: true)
      }
      if useGram {
        var solver = CoordinateDescent(
          design: try GramDesign(problem, weights), l1: l1, l2: l2,
          maxIterations: maxIterations, tolerance: tolerance,
          positive: positive, generator: generator)
        return try solver.run(weights)
      }
      var solver = CoordinateDescent(
        design: try ResidualDesign(problem, weights), l1: l1, l2: l2,
        maxIterations: maxIterations, tolerance: tolerance,
        positive: positive, generator: generator)
      return try solver.run(weights)
    }
    guard w.allSatisfy({ $0.isFinite }) else {
      throw .numerical(
        operation: "fit",
        message: "coordinate descent produced non-finite coefficients; "
          + "scale the features")
    }
    let b = w.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { problem.intercept($0) } ?? problem.targetOffset
    }

    var warnings: [String] = []
    if alpha == 0 {
      warnings.append(
        "\(estimator): with alpha = 0 coordinate descent converges "
          + "poorly; use LinearRegression")
    }
    if !result.converged {
      let gap = CFormat.string(result.gap / Double(n), "%.1e")
      let limit = CFormat.string(result.tolerance / Double(n), "%.1e")
      let passes = maxIterations == 1
        ? "1 iteration" : "\(maxIterations) iterations"
      var text = "\(estimator): did not converge in \(passes) (duality "
        + "gap \(gap) > tolerance \(limit)); increase max_iter or scale "
        + "the features"
      if l1 == 0 && alpha > 0 {
        text += "; without an L1 penalty Ridge fits the same model faster"
      }
      warnings.append(text)
    }
    let fit = ElasticNetFit(
      linear: LinearFit(coefficients: w, intercept: b),
      iterations: result.iterations, dualGap: result.gap / Double(n))
    return (fit, warnings)
  }
}
