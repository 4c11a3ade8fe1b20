// Coordinate descent on the Gram matrix X^T X, for tall X.

/// The view of a centred problem that coordinate descent uses when X has
/// many more rows than features: Q = X'^T X' (features x features, by
/// `cblas_dsyrk`), q = X'^T y' and Q w, kept up to date by one
/// `cblas_daxpy` of length features per coefficient change. A step then
/// costs O(features) instead of O(rows), and X' is not read again.
///
/// The residual's norms come from |R|^2 = |y|^2 - 2 w . q + w . Q w and
/// R . y = |y|^2 - w . q, which lose digits when R is tiny next to y; the
/// gap then only needs to fall below tol |y|^2, well above that loss.
struct GramDesign: CoordinateDescentDesign {
  /// Q, both triangles filled.
  let gram: Matrix
  /// q = X'^T y'.
  let correlations: Matrix
  /// Q w for the current w.
  let gramTimesWeights: Matrix
  let features: Int
  let features32: Int32
  let targetNormSquared: Double

  /// The design for `problem` (laid out by features) at coefficients w.
  init(_ problem: CenteredProblem, _ w: UnsafePointer<Double>)
    throws(NightjarError)
  {
    precondition(problem.layout == .byFeatures, "columns must be contiguous")
    let n = problem.rows
    let p = problem.features
    features = p
    features32 = try BLAS.dimension(p, "fit")
    gram = try Matrix(uninitializedRows: p, columns: p, operation: "fit")
    try BLAS.gram(
      problem.design.base, gram.base, m: p, n: n, transposed: false,
      operation: "fit")
    correlations = try Matrix(uninitializedCount: p, operation: "fit")
    try BLAS.gemv(
      problem.design.base, problem.target.base, correlations.base, m: p,
      n: n, transposed: false, operation: "fit")
    gramTimesWeights = try Matrix.zeros(p)
    try BLAS.gemv(
      gram.base, w, gramTimesWeights.base, m: p, n: p, transposed: false,
      operation: "fit")
    targetNormSquared = try BLAS.dot(
      problem.target.base, problem.target.base, count: n, operation: "fit")
  }

  func squaredNorm(_ j: Int) -> Double { gram.base[j * features + j] }

  func correlation(_ j: Int) -> Double {
    correlations.base[j] - gramTimesWeights.base[j]
  }

  mutating func move(_ j: Int, by delta: Double) {
    // Q is symmetric, so row j is column j and is contiguous.
    BLAS.axpy(
      delta, gram.base + j * features, gramTimesWeights.base,
      count: features32)
  }

  func residualSummary(
    _ w: UnsafePointer<Double>, _ product: UnsafeMutablePointer<Double>
  ) throws(NightjarError) -> (normSquared: Double, dotTarget: Double) {
    var weightsDotCorrelations = 0.0
    var weightsQuadratic = 0.0
    for j in 0..<features {
      product[j] = correlations.base[j] - gramTimesWeights.base[j]
      weightsDotCorrelations += w[j] * correlations.base[j]
      weightsQuadratic += w[j] * gramTimesWeights.base[j]
    }
    let y2 = targetNormSquared
    return (
      y2 + weightsQuadratic - 2 * weightsDotCorrelations,
      y2 - weightsDotCorrelations
    )
  }
}
