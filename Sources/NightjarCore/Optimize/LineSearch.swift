// A line search for the strong Wolfe conditions, used by L-BFGS.

/// Finds a step along a descent direction that satisfies the strong
/// Wolfe conditions: sufficient decrease (Armijo, `decrease`) and a
/// small enough slope (`curvature`).
///
/// Bracketing then zooming with safeguarded cubic interpolation, as in
/// Nocedal and Wright, Numerical Optimization (2nd ed.), algorithms 3.5
/// and 3.6. A non-finite objective counts as too large, so a step that
/// overflows is shortened rather than taken.
struct WolfeLineSearch {
  var decrease = 1e-4
  var curvature = 0.9
  var maxEvaluations = 50
  var maxStep = 1e20

  /// Evaluates the objective at x + step d into `trialPoint` and
  /// `trialGradient`; returns the objective.
  typealias Evaluate = (Double) throws(NightjarError) -> Double

  /// The accepted step, with the objective and slope there; nil when no
  /// acceptable step was found within `maxEvaluations`. The last call to
  /// `evaluate` is always at the returned step.
  func search(
    initialStep: Double, value0: Double, slope0: Double,
    evaluate: Evaluate, slope: () -> Double
  ) throws(NightjarError) -> (step: Double, value: Double)? {
    var previousStep = 0.0
    var previousValue = value0
    var previousSlope = slope0
    var step = min(initialStep, maxStep)
    var evaluations = 0
    while evaluations < maxEvaluations {
      let raw = try evaluate(step)
      evaluations += 1
      let value = raw.isFinite ? raw : .infinity
      let currentSlope = value.isFinite ? slope() : .nan
      if value > value0 + decrease * step * slope0
        || (evaluations > 1 && value >= previousValue)
      {
        return try zoom(
          low: (previousStep, previousValue, previousSlope),
          high: (step, value, currentSlope), value0: value0, slope0: slope0,
          evaluations: evaluations, evaluate: evaluate, slope: slope)
      }
      if abs(currentSlope) <= -curvature * slope0 {
        return (step, value)
      }
      if currentSlope >= 0 {
        return try zoom(
          low: (step, value, currentSlope),
          high: (previousStep, previousValue, previousSlope),
          value0: value0, slope0: slope0, evaluations: evaluations,
          evaluate: evaluate, slope: slope)
      }
      previousStep = step
      previousValue = value
      previousSlope = currentSlope
      guard step < maxStep else { return nil }
      step = min(2 * step, maxStep)
    }
    return nil
  }

  typealias Point = (step: Double, value: Double, slope: Double)

  // Narrows [low, high], which brackets an acceptable step: low has the
  // lower objective and satisfies sufficient decrease; the slope at low
  // points towards high.
  private func zoom(
    low start: Point, high end: Point, value0: Double, slope0: Double,
    evaluations used: Int, evaluate: Evaluate, slope: () -> Double
  ) throws(NightjarError) -> (step: Double, value: Double)? {
    var low = start
    var high = end
    var evaluations = used
    while evaluations < maxEvaluations {
      let step = interpolate(low, high)
      let raw = try evaluate(step)
      evaluations += 1
      let value = raw.isFinite ? raw : .infinity
      if value > value0 + decrease * step * slope0 || value >= low.value {
        high = (step, value, value.isFinite ? slope() : .nan)
      } else {
        let currentSlope = slope()
        if abs(currentSlope) <= -curvature * slope0 {
          return (step, value)
        }
        if currentSlope * (high.step - low.step) >= 0 { high = low }
        low = (step, value, currentSlope)
      }
      if abs(high.step - low.step) <= 1e-16 * max(1, abs(low.step)) {
        break
      }
    }
    // Out of evaluations: accept low if it decreased the objective at all
    // (the caller's next iteration can still make progress from it).
    guard low.step > 0, low.value < value0 else { return nil }
    _ = try evaluate(low.step)
    return (low.step, low.value)
  }

  // The minimiser of the cubic through both ends (values and slopes),
  // kept at least a tenth of the interval away from either end; the
  // midpoint when the cubic gives nothing usable.
  private func interpolate(_ a: Point, _ b: Point) -> Double {
    let lower = min(a.step, b.step)
    let upper = max(a.step, b.step)
    let margin = 0.1 * (upper - lower)
    let middle = 0.5 * (a.step + b.step)
    guard a.slope.isFinite, b.slope.isFinite, b.value.isFinite else {
      return middle
    }
    let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
    let discriminant = d1 * d1 - a.slope * b.slope
    guard discriminant >= 0 else { return middle }
    let d2 = (b.step > a.step ? 1.0 : -1.0) * discriminant.squareRoot()
    let step = b.step - (b.step - a.step)
      * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    guard step.isFinite, step >= lower + margin, step <= upper - margin
    else { return middle }
    return step
  }
}
