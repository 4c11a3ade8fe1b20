// Cyclic or random coordinate descent for the elastic net, stopped by
// its duality gap, with gap-safe screening of features.

#if canImport(Glibc)
import Glibc
#endif

/// How coordinate descent sees the data: each solver step needs the
/// correlation of one feature with the current residual and a way to
/// move one coefficient. Two implementations: `ResidualDesign` keeps the
/// residual R = y - X w (cost per step O(rows)); `GramDesign` keeps Q w
/// for the Gram matrix Q = X^T X (cost per step O(features)).
protocol CoordinateDescentDesign {
  /// The number of features (coefficients).
  var features: Int { get }
  /// |y|^2.
  var targetNormSquared: Double { get }
  /// |X_j|^2, the squared norm of feature j's column.
  func squaredNorm(_ j: Int) -> Double
  /// X_j . R for the current residual R = y - X w.
  func correlation(_ j: Int) -> Double
  /// Records that w_j grew by `delta` (R -= delta X_j, or Q w += delta
  /// Q_j).
  mutating func move(_ j: Int, by delta: Double)
  /// Writes X^T R to `product` (features) and returns |R|^2 and R . y,
  /// given the current w.
  func residualSummary(
    _ w: UnsafePointer<Double>, _ product: UnsafeMutablePointer<Double>
  ) throws(NightjarError) -> (normSquared: Double, dotTarget: Double)
}

/// The outcome of one coordinate descent run.
struct CoordinateDescentResult {
  /// The duality gap at the last check, in the solver's scaling (the sum
  /// of squares, not the mean).
  var gap: Double
  /// The tolerance the gap was held to: tol |y|^2.
  var tolerance: Double
  /// Passes over the features: 0 when the start already met the
  /// tolerance, `maxIterations` when it never did.
  var iterations: Int
  var converged: Bool
}

/// Minimises, over w (features),
///
///     P(w) = 1/2 |y - X w|^2 + l1 |w|_1 + l2 / 2 |w|^2
///
/// by coordinate descent (Friedman, Hastie and Tibshirani, "Regularization
/// paths for generalized linear models via coordinate descent", 2010):
/// each step sets one w_j to its exact minimiser with the others fixed,
/// soft-thresholding z_j = X_j . R + w_j |X_j|^2 at l1 and dividing by
/// |X_j|^2 + l2 (with `positive`, a negative z_j gives 0).
///
/// Stopping follows scikit-learn so that iteration counts agree: after a
/// pass whose largest coefficient change is at most `tolerance` times
/// the largest coefficient (or on the last pass), the duality gap
/// G(w) = P(w) - D(theta) is computed for the dual point theta, the
/// residual scaled into the dual feasible set (Fercoq, Gramfort and
/// Salmon, "Mind the duality gap", 2015; for l2 > 0 the problem is
/// read as a lasso on X stacked over sqrt(l2) I). The run stops when
/// G <= tolerance |y|^2. With l1 = 0 the gap is that of the ridge dual
/// (Dünner et al., "Primal-dual rates and certificates", 2016), and with
/// l1 = l2 = 0 the squared gradient |X^T R|^2.
///
/// At each gap check, features whose dual constraint is provably slack
/// at the optimum are set to 0 and skipped from then on (gap-safe
/// screening, Ndiaye, Fercoq, Gramfort and Salmon, "Gap safe screening
/// rules for sparsity enforcing penalties", 2017, eq. 11): a feature is
/// dropped when (1 - |X_j . theta|) / sqrt(|X_j|^2 + l2) exceeds
/// sqrt(2 G) / l1, the radius of a ball that holds the dual optimum.
struct CoordinateDescent<Design: CoordinateDescentDesign> {
  var design: Design
  /// The L1 weight, alpha l1_ratio n in scikit-learn's scaling.
  let l1: Double
  /// The L2 weight, alpha (1 - l1_ratio) n.
  let l2: Double
  let maxIterations: Int
  /// The relative tolerance: on the coefficient change, and times |y|^2
  /// on the gap.
  let tolerance: Double
  let positive: Bool
  /// Features visited in random order (uniformly, with replacement)
  /// when set; in order otherwise.
  var generator: RandomGenerator?

  /// Runs from the w given (zeros or a warm start) and leaves the result
  /// in w (features).
  mutating func run(_ w: UnsafeMutablePointer<Double>)
    throws(NightjarError) -> CoordinateDescentResult
  {
    let p = design.features
    let gapTolerance = tolerance * design.targetNormSquared
    let screening = l1 > 0
    var active = [Int](0..<p)
    var excluded = [Bool](repeating: false, count: p)
    var product = [Double](repeating: 0, count: p)
    var norms = [Double](repeating: 0, count: p)
    for j in 0..<p { norms[j] = design.squaredNorm(j) }
    // Screening drops features that are 0 at every optimum; a column of
    // zeros is always one of them.
    func screen(gap: Double, dualNorm: Double) {
      var kept = 0
      let radius = (2 * gap).squareRoot() / l1
      for j in 0..<p where !excluded[j] {
        let correlation = product[j] / Swift.max(l1, dualNorm)
        let distance = (1 - Swift.abs(correlation))
          / (norms[j] + l2).squareRoot()
        if norms[j] != 0 && distance <= radius {
          active[kept] = j
          kept += 1
        } else {
          if w[j] != 0 { design.move(j, by: -w[j]) }
          w[j] = 0
          excluded[j] = true
        }
      }
      active.removeSubrange(kept...)
    }
    var (gap, dualNorm) = try dualityGap(w, &product)
    if gap <= gapTolerance {
      return CoordinateDescentResult(
        gap: gap, tolerance: gapTolerance, iterations: 0, converged: true)
    }
    if screening { screen(gap: gap, dualNorm: dualNorm) }
    for iteration in 0..<maxIterations {
      try Cancellation.check()
      var largest = 0.0
      var largestChange = 0.0
      // One pass: each coordinate set to its exact minimiser given the
      // others (soft-thresholding), and the residual updated.
      for step in 0..<active.count {
        let j = active[generator?.nextInt(below: active.count) ?? step]
        if norms[j] == 0 { continue }
        let previous = w[j]
        let z = design.correlation(j) + previous * norms[j]
        var next = 0.0
        if !(positive && z < 0) {
          next = Swift.max(Swift.abs(z) - l1, 0) / (norms[j] + l2)
          if z < 0 { next = -next }
        }
        w[j] = next
        if next != previous { design.move(j, by: next - previous) }
        largestChange = Swift.max(largestChange, Swift.abs(next - previous))
        largest = Swift.max(largest, Swift.abs(next))
      }
      // The gap is worth computing only when the coefficients have all
      // but stopped moving, or on the last pass to report it.
      if largest == 0 || largestChange / largest <= tolerance
        || iteration == maxIterations - 1
      {
        (gap, dualNorm) = try dualityGap(w, &product)
        if gap <= gapTolerance {
          return CoordinateDescentResult(
            gap: gap, tolerance: gapTolerance, iterations: iteration + 1,
            converged: true)
        }
        if screening { screen(gap: gap, dualNorm: dualNorm) }
      }
    }
    return CoordinateDescentResult(
      gap: gap, tolerance: gapTolerance, iterations: maxIterations,
      converged: false)
  }

  /// The duality gap at w and the dual norm max_j |X_j . R - l2 w_j|
  /// (max_j of the signed value with `positive`); leaves X^T R - l2 w in
  /// `product`, which screening reads.
  func dualityGap(
    _ w: UnsafeMutablePointer<Double>, _ product: inout [Double]
  ) throws(NightjarError) -> (gap: Double, dualNorm: Double) {
    let p = design.features
    let (residualSquared, residualDotTarget) = try product
      .withUnsafeMutableBufferPointer {
        (buffer) throws(NightjarError) -> (Double, Double) in
        guard let out = buffer.baseAddress else { return (0, 0) }
        return try design.residualSummary(w, out)
      }
    var weightSquared = 0.0
    var weightAbsolute = 0.0
    for j in 0..<p {
      weightSquared += w[j] * w[j]
      weightAbsolute += Swift.abs(w[j])
    }
    // Without an L1 term the dual has no box constraint: the ridge gap
    // (formulation B), or for plain least squares the squared gradient.
    if l1 == 0 {
      var gradientSquared = 0.0
      for j in 0..<p { gradientSquared += product[j] * product[j] }
      if l2 == 0 { return (gradientSquared, gradientSquared) }
      let gap = residualSquared + 0.5 * l2 * weightSquared
        - residualDotTarget + gradientSquared / (2 * l2)
      return (gap, gradientSquared)
    }
    // The residual scaled into the dual feasible set |X^T theta| <= l1,
    // then P(w) - D(theta) (formulation A).
    var dualNorm = 0.0
    for j in 0..<p {
      product[j] -= l2 * w[j]
      dualNorm = positive
        ? (j == 0 ? product[j] : Swift.max(dualNorm, product[j]))
        : Swift.max(dualNorm, Swift.abs(product[j]))
    }
    let quadratic = residualSquared + l2 * weightSquared
    let primal = 0.5 * quadratic + l1 * weightAbsolute
    let scale = dualNorm > l1 ? l1 / dualNorm : 1
    let dual = -0.5 * scale * scale * quadratic + scale * residualDotTarget
    return (primal - dual, dualNorm)
  }
}
