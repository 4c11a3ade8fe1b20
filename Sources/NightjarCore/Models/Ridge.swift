// Least squares with an L2 penalty, scikit-learn's Ridge.

/// Ridge regression: the w and b minimising
///
///     sum_i s_i (y_i - x_i . w - b)^2 + alpha |w|^2
///
/// with sample weights s_i (1 by default). The intercept b is not
/// penalised: X (rows x features) and y are centred on their weighted
/// means and rows scaled by sqrt(s_i) (`CenteredProblem`), and w solves
/// the normal equations of the centred problem, as scikit-learn's
/// `cholesky` solver does:
/// - features <= rows: (X'^T X' + alpha I) w = X'^T y', a features x
///   features system (`cblas_dsyrk`, `dpotrf`, `dpotrs`);
/// - features > rows: the dual (X' X'^T + alpha I) d = y', w = X'^T d, a
///   rows x rows system, cheaper when there are more features than rows.
///
/// When the system is not positive definite (alpha = 0 with collinear
/// columns) or `solver` is "svd", w comes from the SVD X' = U S V^T
/// (`dgesdd`): w = V diag(s / (s^2 + alpha)) U^T y', singular values
/// below 1e-15 dropped, which for alpha = 0 is the minimum-norm least
/// squares solution.
///
/// Hyper-parameters: `alpha` (default 1, >= 0), `fit_intercept`
/// (default true), `solver` ("auto", the default, "cholesky" or "svd").
/// Fitted: `coefficients` (a vector of features), `intercept`. NaN or
/// infinity in X, y or the weights is an error naming its place.
public final class Ridge: LinearRegressor {
  public static let name = "Ridge"
  static let solvers = ["auto", "cholesky", "svd"]

  /// The penalty's weight; 0 is ordinary least squares.
  public var alpha = 1.0
  /// Whether to fit b; false means b = 0.
  public var fitIntercept = true
  /// "auto" and "cholesky" solve the normal equations (SVD when they are
  /// not positive definite); "svd" always uses the SVD.
  public var solver = "auto"

  var fitted: LinearFit?

  /// An unfitted model with scikit-learn's defaults.
  public init() {}

  public var parameters: [String: ParameterValue] {
    [
      "alpha": .number(alpha), "fit_intercept": .boolean(fitIntercept),
      "solver": .string(solver),
    ]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "alpha":
      alpha = try value.nonNegativeNumber(for: name, in: Self.name)
    case "fit_intercept":
      fitIntercept = try value.boolean(for: name, in: Self.name)
    case "solver":
      solver = try value.choice(Self.solvers, for: name, in: Self.name)
    default:
      throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> Ridge {
    let copy = Ridge()
    copy.alpha = alpha
    copy.fitIntercept = fitIntercept
    copy.solver = solver
    return copy
  }

  public var isFitted: Bool { fitted != nil }
  public var coefficients: Matrix? { fitted?.coefficientVector() }
  public var intercept: Double { fitted?.intercept ?? 0 }
  public var featureCount: Int { fitted?.coefficients.count ?? 0 }

  /// Fits to X (rows x features) and y (a vector of rows, or a matrix of
  /// one column), with optional non-negative sample weights (rows).
  /// Throws `fit: X has 120 rows but y has 119`, `fit: input contains
  /// NaN (column 3, row 31)` and the like; a failed fit leaves the
  /// previous fit in place. Cost: O(rows features min(rows, features)).
  public func fit(_ x: Matrix, _ y: Matrix, sampleWeight: Matrix? = nil)
    throws(NightjarError)
  {
    let weights = try RegressionInput.checkFit(x, y, sampleWeight)

    let problem = try CenteredProblem(
      x: x, y: y, weights: weights, fitIntercept: fitIntercept,
      layout: .byRows, operation: "fit")
    var solution: [Double]? = nil
    if solver != "svd" {
      solution = problem.features <= problem.rows
        ? try Ridge.solvePrimal(problem, alpha: alpha)
        : try Ridge.solveDual(problem, alpha: alpha)
    }
    // Not positive definite (or "svd" asked for): the SVD always works.
    var coefficients: [Double]
    if let solution {
      coefficients = solution
    } else {
      coefficients = try Ridge.solveSVD(problem, alpha: alpha)
    }
    let b = coefficients.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { problem.intercept($0) } ?? problem.targetOffset
    }

    fitted = LinearFit(coefficients: coefficients, intercept: b)
  }

  /// X w + b for X (rows x the features seen by `fit`): a vector of rows
  /// (`cblas_dgemv`). Throws `predict: this Ridge is not fitted yet; call
  /// fit first` or `predict: X has 4 columns but the model was fitted
  /// with 5`.
  public func predict(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard let fitted else { throw Self.notFitted("predict") }
    return try fitted.predict(x, operation: "predict")
  }

  /// Solves the k x k symmetric system `system` (both triangles filled)
  /// plus alpha I, for the right-hand side `rhs` (k), in place, by
  /// Cholesky (`dpotrf`, `dpotrs`); false when it is not positive
  /// definite.
  static func choleskySolve(
    _ system: Matrix, _ rhs: Matrix, size k: Int, alpha: Double
  ) throws(NightjarError) -> Bool {
    for j in 0..<k { system.base[j * k + j] += alpha }
    let info = try LAPACK.potrf(system.base, n: k, operation: "fit")
    try Matrix.checkArguments(info, "dpotrf", "fit")
    if info > 0 { return false }
    let solved = try LAPACK.potrs(
      system.base, n: k, rhs.base, nrhs: 1, operation: "fit")
    try Matrix.checkArguments(solved, "dpotrs", "fit")
    return true
  }

  /// w from (X'^T X' + alpha I) w = X'^T y', or nil when the system is
  /// not positive definite.
  static func solvePrimal(_ problem: CenteredProblem, alpha: Double)
    throws(NightjarError) -> [Double]?
  {
    let n = problem.rows
    let p = problem.features
    let system = try Matrix(uninitializedRows: p, columns: p, operation: "fit")
    try BLAS.gram(
      problem.design.base, system.base, m: n, n: p, transposed: true,
      operation: "fit")
    let rhs = try Matrix(uninitializedCount: p, operation: "fit")
    try BLAS.gemv(
      problem.design.base, problem.target.base, rhs.base, m: n, n: p,
      transposed: true, operation: "fit")
    guard try choleskySolve(system, rhs, size: p, alpha: alpha) else {
      return nil
    }
    return rhs.toArray()
  }

  /// w = X'^T d with (X' X'^T + alpha I) d = y', or nil when the system
  /// is not positive definite.
  static func solveDual(_ problem: CenteredProblem, alpha: Double)
    throws(NightjarError) -> [Double]?
  {
    let n = problem.rows
    let p = problem.features
    let system = try Matrix(uninitializedRows: n, columns: n, operation: "fit")
    try BLAS.gram(
      problem.design.base, system.base, m: n, n: p, transposed: false,
      operation: "fit")
    let dual = try problem.target.copy()
    guard try choleskySolve(system, dual, size: n, alpha: alpha) else {
      return nil
    }
    let w = try Matrix(uninitializedCount: p, operation: "fit")
    try BLAS.gemv(
      problem.design.base, dual.base, w.base, m: n, n: p, transposed: true,
      operation: "fit")
    return w.toArray()
  }

  /// w = V diag(s / (s^2 + alpha)) U^T y' from the reduced SVD of X'
  /// (`dgesdd`), singular values at or below 1e-15 dropped.
  static func solveSVD(_ problem: CenteredProblem, alpha: Double)
    throws(NightjarError) -> [Double]
  {
    let (u, s, vt) = try problem.design.svd()
    let k = s.count
    let n = problem.rows
    let p = problem.features
    let projected = try Matrix(uninitializedCount: k, operation: "fit")
    try BLAS.gemv(
      u.base, problem.target.base, projected.base, m: n, n: k,
      transposed: true, operation: "fit")
    for i in 0..<k {
      let value = s.base[i]
      projected.base[i] *= value > 1e-15 ? value / (value * value + alpha) : 0
    }
    let w = try Matrix(uninitializedCount: p, operation: "fit")
    try BLAS.gemv(
      vt.base, projected.base, w.base, m: k, n: p, transposed: true,
      operation: "fit")
    return w.toArray()
  }
}
