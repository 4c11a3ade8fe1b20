// Orthant-wise limited-memory quasi-Newton, for objectives with an L1
// term.

/// Minimises f(x) + sum_j l1[j] |x_j| where f is smooth, by OWL-QN
/// (Andrew and Gao, "Scalable training of L1-regularized log-linear
/// models", ICML 2007).
///
/// The L1 term is not differentiable at zero, so the method works with
/// the pseudo-gradient (the steepest-descent direction's negative, one
/// coordinate at a time), keeps each step inside the orthant the point
/// is in (coordinates that would change sign become exactly zero, which
/// is how the solution gets its zeros) and builds its curvature estimate
/// from the smooth part alone. Stops when the largest pseudo-gradient
/// component is at most `gradientTolerance`, when the objective's
/// relative decrease is at most `functionTolerance`, or after
/// `maxIterations`. With every `l1[j] == 0` it is plain L-BFGS with a
/// backtracking line search.
public struct OWLQN {
  /// Steps remembered. Default 10.
  public var memory = 10
  /// Iterations allowed. Default 100.
  public var maxIterations = 100
  /// The largest pseudo-gradient component accepted as zero.
  public var gradientTolerance = 1e-4
  /// The relative decrease below which the objective is flat.
  public var functionTolerance = 64 * Double.ulpOfOne
  /// Objective evaluations per line search. Default 50.
  public var maxLineSearch = 50

  public init() {}

  /// Minimises from `x` (which receives the result). `l1` holds one
  /// non-negative weight per variable (0 for an unpenalised intercept);
  /// `smooth` computes f and its gradient. The reported objective and
  /// history include the L1 term.
  public func minimize(
    _ x: inout [Double], l1: [Double], smooth: LBFGS.Objective
  ) throws(NightjarError) -> OptimizationResult {
    let n = x.count
    var gradient = [Double](repeating: 0, count: n)
    var value = try Vector.evaluate(smooth, at: x, gradient: &gradient)
      + penalty(x, l1)
    var result = OptimizationResult(
      iterations: 0, objective: value, history: [value],
      stop: .maxIterations)
    var pseudo = pseudoGradient(x, gradient, l1)
    if Vector.maxAbs(pseudo) <= gradientTolerance {
      result.stop = .gradientTolerance
      return result
    }
    var history = CorrectionHistory(size: memory, dimension: n)
    var trialPoint = x
    var trialGradient = gradient
    for iteration in 1...max(1, maxIterations) {
      try Cancellation.check()
      // Quasi-Newton direction from the pseudo-gradient, with every
      // component that disagrees in sign with steepest descent removed.
      var direction = history.multiplyInverseHessian(pseudo).map { -$0 }
      for j in 0..<n where direction[j] * pseudo[j] >= 0 {
        direction[j] = 0
      }
      if history.isEmpty || Vector.dot(direction, pseudo) >= 0 {
        direction = pseudo.map { -$0 }
      }
      // The orthant the step must stay in: the sign of each coordinate,
      // or for a zero one the sign steepest descent would give it.
      let orthant = (0..<n).map { j -> Double in
        x[j] != 0 ? (x[j] > 0 ? 1 : -1)
          : (pseudo[j] < 0 ? 1 : (pseudo[j] > 0 ? -1 : 0))
      }
      // Backtracking until sufficient decrease along the projected path.
      var step = history.isEmpty ? min(1, 1 / Vector.norm(direction)) : 1
      var accepted = false
      var trialValue = value
      for _ in 0..<maxLineSearch {
        for j in 0..<n {
          let moved = x[j] + step * direction[j]
          trialPoint[j] = moved * orthant[j] > 0 ? moved : 0
        }
        trialValue = try Vector.evaluate(
          smooth, at: trialPoint, gradient: &trialGradient)
          + penalty(trialPoint, l1)
        var predicted = 0.0
        for j in 0..<n { predicted += pseudo[j] * (trialPoint[j] - x[j]) }
        if trialValue.isFinite && trialValue <= value + 1e-4 * predicted {
          accepted = true
          break
        }
        step *= 0.5
      }
      guard accepted else {
        if history.isEmpty {
          result.stop = .lineSearchFailed
          return result
        }
        history.clear()
        continue
      }
      history.add(
        step: zip(trialPoint, x).map { $0 - $1 },
        change: zip(trialGradient, gradient).map { $0 - $1 })
      let previous = value
      swap(&x, &trialPoint)
      swap(&gradient, &trialGradient)
      value = trialValue
      pseudo = pseudoGradient(x, gradient, l1)
      result.iterations = iteration
      result.objective = value
      result.history.append(value)
      if Vector.maxAbs(pseudo) <= gradientTolerance {
        result.stop = .gradientTolerance
        return result
      }
      let scale = max(abs(previous), abs(value), 1)
      if (previous - value) / scale <= functionTolerance {
        result.stop = .functionTolerance
        return result
      }
    }
    result.stop = .maxIterations
    return result
  }

  private func penalty(_ x: [Double], _ l1: [Double]) -> Double {
    var sum = 0.0
    for j in 0..<x.count { sum += l1[j] * abs(x[j]) }
    return sum
  }

  /// The pseudo-gradient: the gradient of f plus the one-sided
  /// derivative of the L1 term that points downhill, or zero at a kink
  /// where neither side does.
  private func pseudoGradient(
    _ x: [Double], _ gradient: [Double], _ l1: [Double]
  ) -> [Double] {
    (0..<x.count).map { j in
      if x[j] > 0 { return gradient[j] + l1[j] }
      if x[j] < 0 { return gradient[j] - l1[j] }
      if gradient[j] + l1[j] < 0 { return gradient[j] + l1[j] }
      if gradient[j] - l1[j] > 0 { return gradient[j] - l1[j] }
      return 0
    }
  }
}
