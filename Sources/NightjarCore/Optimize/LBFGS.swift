// Limited-memory BFGS for smooth unconstrained minimisation.

/// Minimises a smooth function of n variables by L-BFGS: the search
/// direction is the gradient multiplied by an inverse-Hessian estimate
/// built from the last `memory` steps (the two-loop recursion of
/// Nocedal, 1980), and each step satisfies the strong Wolfe conditions.
///
/// The stopping rules are those scikit-learn's `lbfgs` solver gets from
/// scipy's L-BFGS-B without bounds, so iteration counts and results are
/// comparable: stop when the largest gradient component is at most
/// `gradientTolerance`, or when the objective's relative decrease
/// `(f_k - f_k+1) / max(|f_k|, |f_k+1|, 1)` is at most
/// `functionTolerance`, or after `maxIterations`.
public struct LBFGS {
  /// Steps remembered (scipy's `maxcor`). Default 10.
  public var memory = 10
  /// Iterations allowed. Default 100.
  public var maxIterations = 100
  /// The largest gradient component accepted as zero. Default 1e-4.
  public var gradientTolerance = 1e-4
  /// The relative decrease below which the objective is flat. Default
  /// 64 machine epsilons, as scikit-learn sets it.
  public var functionTolerance = 64 * Double.ulpOfOne
  /// Objective evaluations per line search (scipy's `maxls`). Default 50.
  public var maxLineSearch = 50

  /// Computes f(x) and writes its gradient; both pointers hold n values.
  public typealias Objective = (
    UnsafePointer<Double>, UnsafeMutablePointer<Double>
  ) throws(NightjarError) -> Double

  public init() {}

  /// Minimises `objective` starting from `x`, which receives the result.
  /// Throws only what `objective` throws (Ctrl-C included: the loop
  /// checks for cancellation each iteration).
  public func minimize(_ x: inout [Double], _ objective: Objective)
    throws(NightjarError) -> OptimizationResult
  {
    let n = x.count
    var gradient = [Double](repeating: 0, count: n)
    var value = try Vector.evaluate(objective, at: x, gradient: &gradient)
    var result = OptimizationResult(
      iterations: 0, objective: value, history: [value],
      stop: .maxIterations)
    if Vector.maxAbs(gradient) <= gradientTolerance {
      result.stop = .gradientTolerance
      return result
    }
    var history = CorrectionHistory(size: memory, dimension: n)
    var direction = gradient.map { -$0 }
    var trialPoint = x
    var trialGradient = gradient
    let search = WolfeLineSearch(maxEvaluations: maxLineSearch)
    for iteration in 1...max(1, maxIterations) {
      try Cancellation.check()
      var slope = Vector.dot(gradient, direction)
      if !(slope < 0) {  // not a descent direction: restart from -g
        history.clear()
        direction = gradient.map { -$0 }
        slope = Vector.dot(gradient, direction)
      }
      // The first step is scaled so that it moves one unit, as L-BFGS-B
      // does; later steps try the quasi-Newton step of length one.
      let initial = history.isEmpty ? min(1, 1 / Vector.norm(direction)) : 1
      let start = x
      let along = direction
      let found = try search.search(
        initialStep: initial, value0: value, slope0: slope,
        evaluate: { (step) throws(NightjarError) in
          for j in 0..<n { trialPoint[j] = start[j] + step * along[j] }
          return try Vector.evaluate(
            objective, at: trialPoint, gradient: &trialGradient)
        },
        slope: { Vector.dot(trialGradient, along) })
      guard let found else {
        if history.isEmpty {
          result.stop = .lineSearchFailed
          return result
        }
        history.clear()  // a stale curvature estimate: retry from -g
        direction = gradient.map { -$0 }
        continue
      }
      history.add(
        step: zip(trialPoint, x).map { $0 - $1 },
        change: zip(trialGradient, gradient).map { $0 - $1 })
      let previous = value
      swap(&x, &trialPoint)
      swap(&gradient, &trialGradient)
      value = found.value
      result.iterations = iteration
      result.objective = value
      result.history.append(value)
      if Vector.maxAbs(gradient) <= gradientTolerance {
        result.stop = .gradientTolerance
        return result
      }
      let scale = max(abs(previous), abs(value), 1)
      if (previous - value) / scale <= functionTolerance {
        result.stop = .functionTolerance
        return result
      }
      direction = history.multiplyInverseHessian(gradient).map { -$0 }
    }
    result.stop = .maxIterations
    return result
  }
}
