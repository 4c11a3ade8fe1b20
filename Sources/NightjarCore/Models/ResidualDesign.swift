// Coordinate descent on the columns of X, keeping the residual.

/// The view of a centred problem that coordinate descent uses when X is
/// wide or short: the columns of X' (features x rows, each contiguous)
/// and the residual R = y' - X' w, updated by one `cblas_daxpy` per
/// coefficient change and read by one `cblas_ddot` per step.
struct ResidualDesign: CoordinateDescentDesign {
  /// X' by features (features x rows), kept alive here.
  let design: Matrix
  let target: Matrix
  /// R, owned by this design.
  let residual: Matrix
  let rows32: Int32
  let features: Int
  let targetNormSquared: Double
  let norms: [Double]

  /// The design for `problem` (laid out by features) at coefficients w.
  init(_ problem: CenteredProblem, _ w: UnsafePointer<Double>)
    throws(NightjarError)
  {
    precondition(problem.layout == .byFeatures, "columns must be contiguous")
    design = problem.design
    target = problem.target
    features = problem.features
    let n = problem.rows
    rows32 = try BLAS.dimension(n, "fit")
    residual = try problem.target.copy()
    // R = y' - X' w, one column at a time (only the nonzero w).
    for j in 0..<features where w[j] != 0 {
      BLAS.axpy(-w[j], design.base + j * n, residual.base, count: rows32)
    }
    targetNormSquared = BLAS.dot(target.base, target.base, count: rows32)
    var norms = [Double](repeating: 0, count: features)
    for j in 0..<features {
      let column = design.base + j * n
      norms[j] = BLAS.dot(column, column, count: rows32)
    }
    self.norms = norms
  }

  func squaredNorm(_ j: Int) -> Double { norms[j] }

  func correlation(_ j: Int) -> Double {
    BLAS.dot(
      design.base + j * Int(rows32), residual.base, count: rows32)
  }

  mutating func move(_ j: Int, by delta: Double) {
    BLAS.axpy(
      -delta, design.base + j * Int(rows32), residual.base, count: rows32)
  }

  func residualSummary(
    _ w: UnsafePointer<Double>, _ product: UnsafeMutablePointer<Double>
  ) throws(NightjarError) -> (normSquared: Double, dotTarget: Double) {
    let n = Int(rows32)
    try BLAS.gemv(
      design.base, residual.base, product, m: features, n: n,
      transposed: false, operation: "fit")
    return (
      BLAS.dot(residual.base, residual.base, count: rows32),
      BLAS.dot(residual.base, target.base, count: rows32)
    )
  }
}
