// What a supervised estimator learns to predict: labels or numbers.

/// The y of a supervised fit: class labels for a classifier, a numeric
/// vector for a regressor.
public enum Target {
  case labels(Labels)
  case values(Matrix)

  /// The number of rows.
  public var count: Int {
    switch self {
    case .labels(let labels): return labels.count
    case .values(let values): return values.count
    }
  }

  /// The rows at `indices` (0-based), in that order.
  public func take(_ indices: [Int]) throws(NightjarError) -> Target {
    switch self {
    case .labels(let labels): return .labels(labels.take(indices))
    case .values(let values):
      let vector = values.isVector ? values : try values.reshape(values.count)
      return .values(try vector.rows(at: indices))
    }
  }

  /// The labels, or an error saying a classifier needs labels.
  public func labels(_ operation: String) throws(NightjarError) -> Labels {
    switch self {
    case .labels(let labels): return labels
    case .values(let values): return .numbers(values.toArray())
    }
  }

  /// The numbers, or an error saying a regressor needs numbers.
  public func values(_ operation: String) throws(NightjarError) -> Matrix {
    switch self {
    case .values(let values): return values
    case .labels(.numbers(let numbers)): return try Matrix(vector: numbers)
    case .labels(.strings):
      throw .invalidArgument(
        operation: operation, message: "y holds strings; a regressor needs "
          + "numbers")
    }
  }
}

/// An estimator that learns from X and y: what cross-validation, the
/// searches and pipelines drive.
public protocol SupervisedEstimator: Estimator {
  /// Whether y holds classes (stratified folds, accuracy by default).
  var isClassifier: Bool { get }
  /// Fits to X (rows x features) and y (rows).
  func fit(_ x: Matrix, target y: Target, sampleWeight: Matrix?)
    throws(NightjarError)
  /// Predictions for X, of the same kind as y.
  func predict(target x: Matrix) throws(NightjarError) -> Target
  /// The default score: accuracy for classifiers, R^2 for regressors.
  func score(_ x: Matrix, target y: Target) throws(NightjarError) -> Double
}

extension LogisticRegression: SupervisedEstimator {
  public var isClassifier: Bool { true }

  public func fit(_ x: Matrix, target y: Target, sampleWeight: Matrix?)
    throws(NightjarError)
  {
    try fit(x, try y.labels("fit"), sampleWeight: sampleWeight)
  }

  public func predict(target x: Matrix) throws(NightjarError) -> Target {
    .labels(try predict(x))
  }

  public func score(_ x: Matrix, target y: Target) throws(NightjarError)
    -> Double
  {
    try score(x, try y.labels("score"))
  }
}
