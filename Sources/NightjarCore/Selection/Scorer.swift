// Scoring rules by scikit-learn's names: higher is always better.

/// How a search or cross-validation scores a fitted estimator on test
/// rows. Every score is "higher is better": errors are negated
/// (`neg_mean_squared_error`), as scikit-learn names them.
public struct Scorer {
  /// The name, as given (`"f1_macro"`), or "score" for the default.
  public let name: String
  let body: (any SupervisedEstimator, Matrix, Target) throws(NightjarError)
    -> Double

  /// Scores with `estimator.score` (accuracy or R^2).
  public static let defaultScore = Scorer(name: "score") {
    (estimator, x, y) throws(NightjarError) in
    try estimator.score(x, target: y)
  }

  /// A scorer from a function of (truth, prediction).
  public init(
    name: String,
    _ body: @escaping (any SupervisedEstimator, Matrix, Target)
      throws(NightjarError) -> Double
  ) {
    self.name = name
    self.body = body
  }

  /// The score of a fitted estimator on X and y.
  public func score(
    _ estimator: any SupervisedEstimator, _ x: Matrix, _ y: Target
  ) throws(NightjarError) -> Double {
    try body(estimator, x, y)
  }

  /// The names `named` knows.
  public static let names = [
    "accuracy", "precision", "recall", "f1", "precision_micro",
    "precision_macro", "precision_weighted", "recall_micro",
    "recall_macro", "recall_weighted", "f1_micro", "f1_macro",
    "f1_weighted", "r2", "neg_mean_squared_error",
    "neg_mean_absolute_error", "neg_root_mean_squared_error",
  ] + probabilisticNames

  /// The scorer scikit-learn calls `name`; `invalid option` otherwise.
  public static func named(_ name: String, operation: String)
    throws(NightjarError) -> Scorer
  {
    if let scorer = probabilistic(named: name) { return scorer }
    let parts = name.split(separator: "_", maxSplits: 1).map(String.init)
    switch name {
    case "accuracy":
      return Scorer(name: name) { (estimator, x, y) throws(NightjarError) in
        try ClassificationMetrics.accuracy(
          try y.labels(name), try estimator.predict(target: x).labels(name))
      }
    case "r2":
      return Scorer(name: name) { (estimator, x, y) throws(NightjarError) in
        try RegressionMetrics.r2(
          try y.values(name), try estimator.predict(target: x).values(name))
      }
    case "neg_mean_squared_error", "neg_root_mean_squared_error",
      "neg_mean_absolute_error":
      return Scorer(name: name) { (estimator, x, y) throws(NightjarError) in
        let truth = try y.values(name)
        let predicted = try estimator.predict(target: x).values(name)
        switch name {
        case "neg_mean_absolute_error":
          return -(try RegressionMetrics.meanAbsoluteError(truth, predicted))
        case "neg_mean_squared_error":
          return -(try RegressionMetrics.meanSquaredError(truth, predicted))
        default:
          return -(try RegressionMetrics.meanSquaredError(truth, predicted))
            .squareRoot()
        }
      }
    default:
      guard let metric = parts.first,
        ["precision", "recall", "f1"].contains(metric)
      else {
        throw .invalidArgument(
          operation: operation, message: "invalid option '\(name)' for "
            + "'scoring'")
      }
      let averageName = parts.count > 1 ? parts[1] : "binary"
      guard let average = ClassificationMetrics.Average(
        rawValue: averageName)
      else {
        throw .invalidArgument(
          operation: operation,
          message: "invalid option '\(name)' for 'scoring'")
      }
      return Scorer(name: name) { (estimator, x, y) throws(NightjarError) in
        let scores = try ClassificationMetrics.precisionRecallF(
          try y.labels(name), try estimator.predict(target: x).labels(name),
          average: average, operation: name)
        switch metric {
        case "precision": return scores.precision.first ?? .nan
        case "recall": return scores.recall.first ?? .nan
        default: return scores.f.first ?? .nan
        }
      }
    }
  }
}
