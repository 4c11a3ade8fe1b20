// Ordinary least squares, scikit-learn's LinearRegression.

/// Ordinary least squares: the w and b minimising
/// sum_i s_i (y_i - x_i . w - b)^2, with sample weights s_i (1 by
/// default).
///
/// X (rows x features) and y are centred on their weighted means when
/// `fit_intercept` is true and rows are scaled by sqrt(s_i)
/// (`CenteredProblem`); LAPACK's SVD-based least squares (`dgelsd`) then
/// gives the minimum-norm w, so a rank-deficient X (collinear or
/// constant columns, more features than rows) gets the same w as
/// scikit-learn rather than an error. Singular values below `tol` times
/// the largest count as zero (scikit-learn 1.9's `tol`, which it passes
/// to `scipy.linalg.lstsq` as `cond`).
///
/// Hyper-parameters: `fit_intercept` (default true), `tol` (default
/// 1e-6). Fitted: `coefficients` (a vector of features), `intercept`,
/// `rank` and `singularValues` (of the centred, weighted X, descending,
/// min(rows, features) of them). NaN or infinity in X, y or the weights
/// is an error naming its row and column. Cost: one SVD of a
/// rows x features matrix, O(rows features min(rows, features)).
public final class LinearRegression: LinearRegressor {
  public static let name = "LinearRegression"

  /// Whether to fit b; false means b = 0 (data already centred).
  public var fitIntercept = true
  /// The relative cut-off below which singular values count as zero.
  public var tolerance = 1e-6

  var fitted: LinearFit?
  /// The effective rank of the centred, weighted X; 0 before `fit`.
  public internal(set) var rank = 0
  /// The singular values of the centred, weighted X, descending; nil
  /// before `fit`.
  public internal(set) var singularValues: Matrix?

  /// An unfitted model with scikit-learn's defaults.
  public init() {}

  public var parameters: [String: ParameterValue] {
    ["fit_intercept": .boolean(fitIntercept), "tol": .number(tolerance)]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "fit_intercept":
      fitIntercept = try value.boolean(for: name, in: Self.name)
    case "tol":
      tolerance = try value.nonNegativeNumber(for: name, in: Self.name)
    default:
      throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> LinearRegression {
    let copy = LinearRegression()
    copy.fitIntercept = fitIntercept
    copy.tolerance = tolerance
    return copy
  }

  public var isFitted: Bool { fitted != nil }
  public var coefficients: Matrix? { fitted?.coefficientVector() }
  public var intercept: Double { fitted?.intercept ?? 0 }
  public var featureCount: Int { fitted?.coefficients.count ?? 0 }

  /// Fits to X (rows x features) and y (a vector of rows, or a matrix of
  /// one column), with optional non-negative sample weights (rows).
  /// Throws `fit: X has 120 rows but y has 119`, `fit: X is empty
  /// (0x3)`, `fit: input contains NaN (column 3, row 31)` and the like;
  /// a failed fit leaves the previous fit in place.
  public func fit(_ x: Matrix, _ y: Matrix, sampleWeight: Matrix? = nil)
    throws(NightjarError)
  {
    let weights = try RegressionInput.checkFit(x, y, sampleWeight)

    let problem = try CenteredProblem(
      x: x, y: y, weights: weights, fitIntercept: fitIntercept,
      layout: .byRows, operation: "fit")
    let (w, rank, singular) = try LinearRegression.solve(
      problem, rcond: tolerance)
    let b = w.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { problem.intercept($0) } ?? problem.targetOffset
    }

    fitted = LinearFit(coefficients: w, intercept: b)
    self.rank = rank
    singularValues = singular
  }

  /// The minimum-norm least-squares w of the centred problem, its rank
  /// and singular values, by `dgelsd` run in place on the problem's own
  /// copy of X (no second copy of a large X).
  static func solve(_ problem: CenteredProblem, rcond: Double)
    throws(NightjarError) -> (w: [Double], rank: Int, singular: Matrix)
  {
    let n = problem.rows
    let p = problem.features
    // dgelsd wants room for max(n, p) rows in b and returns w in the
    // first p of them.
    let rhs = try Matrix.zeros(Swift.max(n, p))
    rhs.base.update(from: problem.target.base, count: n)
    let singular = try Matrix.zeros(Swift.min(n, p))
    var rank: Int32 = 0
    let info = try LAPACK.gelsd(
      problem.design.base, m: n, n: p, rhs.base, nrhs: 1, s: singular.base,
      rcond: rcond, rank: &rank, operation: "fit")
    try Matrix.checkArguments(info, "dgelsd", "fit")
    if info > 0 {
      throw .numerical(
        operation: "fit", message: "least squares SVD did not converge")
    }
    let w = Array(UnsafeBufferPointer(start: rhs.base, count: p))
    return (w, Int(rank), singular)
  }

  /// X w + b for X (rows x the features seen by `fit`): a vector of rows
  /// (`cblas_dgemv`). Throws `predict: this LinearRegression is not
  /// fitted yet; call fit first` or `predict: X has 4 columns but the
  /// model was fitted with 5`.
  public func predict(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard let fitted else { throw Self.notFitted("predict") }
    return try fitted.predict(x, operation: "predict")
  }
}
