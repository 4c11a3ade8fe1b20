// What every estimator shares: named hyper-parameters, cloning, and the
// fitted flag that model selection and persistence rely on.

/// An estimator in scikit-learn's sense: configured by named
/// hyper-parameters (no work in the constructor), fitted by `fit`, which
/// stores fitted state (the names ending in `_` in Lua).
///
/// Model selection clones an estimator once per fold and candidate and
/// sets the candidate's parameters on the clone, so both operations must
/// be cheap and must not share fitted state.
public protocol Estimator: AnyObject {
  /// The class name as Lua and messages spell it ("LogisticRegression").
  static var name: String { get }
  /// The hyper-parameters by their scikit-learn names, with current
  /// values (defaults included).
  var parameters: [String: ParameterValue] { get }
  /// Sets one hyper-parameter. An unknown name is an error naming the
  /// estimator and the parameter; a bad value says what was allowed.
  func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  /// A new, unfitted estimator with the same hyper-parameters.
  func cloned() -> Self
  /// Whether `fit` has completed.
  var isFitted: Bool { get }
}

extension Estimator {
  /// Sets several hyper-parameters, in the order of their names (so the
  /// first error is always the same one).
  public func setParameters(_ values: [String: ParameterValue])
    throws(NightjarError)
  {
    for name in values.keys.sorted() {
      guard let value = values[name] else { continue }
      try setParameter(name, value)
    }
  }

  /// The error for a parameter this estimator does not have.
  public static func unknownParameter(_ name: String) -> NightjarError {
    .invalidArgument(
      operation: Self.name,
      message: "unknown parameter '\(name)'")
  }

  /// The error for using an estimator before `fit`.
  public static func notFitted(_ operation: String) -> NightjarError {
    .invalidArgument(
      operation: operation,
      message: "this \(Self.name) is not fitted yet; call fit first")
  }
}

/// An estimator that predicts a number per row.
public protocol Regressor: Estimator {
  /// Fits to X (rows x features) and y (rows); weights per row or nil.
  func fit(_ x: Matrix, _ y: Matrix, sampleWeight: Matrix?)
    throws(NightjarError)
  /// Predictions for X (rows x features): a vector of rows.
  func predict(_ x: Matrix) throws(NightjarError) -> Matrix
}

extension Regressor {
  /// R^2 of the predictions for X against y (scikit-learn's `score`).
  public func score(_ x: Matrix, _ y: Matrix) throws(NightjarError)
    -> Double
  {
    try RegressionMetrics.r2(y, try predict(x))
  }
}
