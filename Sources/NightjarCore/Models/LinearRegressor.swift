// What the linear regressors share: coefficients, an intercept, and the
// prediction X w + b.

/// A regressor whose prediction is X w + b: LinearRegression, Ridge,
/// Lasso and ElasticNet. Each is also a `SupervisedEstimator`, so that
/// cross-validation and the searches can drive it.
public protocol LinearRegressor: Regressor, SupervisedEstimator {
  /// The fitted coefficients w, one per feature, as a new vector each
  /// time it is read (changing it does not change the model); nil
  /// before `fit`.
  var coefficients: Matrix? { get }
  /// The fitted intercept b; 0 when `fit_intercept` is false or before
  /// `fit`.
  var intercept: Double { get }
  /// The number of features seen by `fit`; 0 before.
  var featureCount: Int { get }
  /// What the last `fit` wants the user to know (no convergence), one
  /// sentence each with the remedy; Core never prints them.
  var warnings: [String] { get }
}

extension LinearRegressor {
  /// The direct solvers have nothing to warn about.
  public var warnings: [String] { [] }

  /// Regressors predict numbers: plain folds, R^2 by default.
  public var isClassifier: Bool { false }

  /// Fits to X and numeric y (`Target.values`); string labels are an
  /// error.
  public func fit(_ x: Matrix, target y: Target, sampleWeight: Matrix?)
    throws(NightjarError)
  {
    try fit(x, try y.values("fit"), sampleWeight: sampleWeight)
  }

  /// The predictions as numbers.
  public func predict(target x: Matrix) throws(NightjarError) -> Target {
    .values(try predict(x))
  }

  /// R^2 against numeric y.
  public func score(_ x: Matrix, target y: Target) throws(NightjarError)
    -> Double
  {
    try score(x, try y.values("score"))
  }
}

/// The fitted state of a linear model: w and b.
struct LinearFit {
  var coefficients: [Double]
  var intercept: Double

  /// A vector holding w.
  func coefficientVector() -> Matrix? {
    try? Matrix(vector: coefficients)
  }

  /// X w + b for X (rows x features, checked against w's length; a
  /// vector is one row): a vector of rows (`cblas_dgemv`). Throws as
  /// `Validation.columns` does.
  func predict(_ x: Matrix, operation: String) throws(NightjarError)
    -> Matrix
  {
    try Validation.columns(x, expected: coefficients.count, operation)
    let result = try Matrix(uninitializedCount: x.rows, operation: operation)
    try coefficients.withUnsafeBufferPointer {
      (w) throws(NightjarError) -> Void in
      guard let pointer = w.baseAddress else { return }
      try BLAS.gemv(
        x.base, pointer, result.base, m: x.rows, n: x.columns,
        transposed: false, operation: operation)
    }
    let b = intercept
    for i in 0..<x.rows { result.base[i] += b }
    return result
  }
}
