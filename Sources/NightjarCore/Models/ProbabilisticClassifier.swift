// What a classifier offers beyond labels: probabilities and decision
// scores, for the ranking and probabilistic scorers.

/// A classifier that scores every class: what `roc_auc`,
/// `average_precision` and `neg_log_loss` need from an estimator.
///
/// A separate protocol rather than new requirements on
/// `SupervisedEstimator`, so that regressors and classifiers without
/// probabilities need nothing new; scorers ask for it with `as?`.
public protocol ProbabilisticClassifier: SupervisedEstimator {
  /// The sorted classes seen by `fit` (the columns of the scores); nil
  /// before.
  var classLabels: Labels? { get }
  /// Class probabilities for X (rows x features): rows x classes, each
  /// row summing to 1, columns in the order of `classLabels`.
  func probabilities(for x: Matrix) throws(NightjarError) -> Matrix
  /// Decision scores for X: a vector (the larger class's score) for two
  /// classes, rows x classes otherwise. Higher means more likely.
  func decisionScores(for x: Matrix) throws(NightjarError) -> Matrix
}

extension LogisticRegression: ProbabilisticClassifier {
  public var classLabels: Labels? { classes }

  public func probabilities(for x: Matrix) throws(NightjarError) -> Matrix {
    try predictProbability(x)
  }

  public func decisionScores(for x: Matrix) throws(NightjarError) -> Matrix {
    try decisionFunction(x)
  }
}

extension Pipeline: ProbabilisticClassifier {
  /// The last step's classes, when it is a probabilistic classifier.
  public var classLabels: Labels? {
    (final as? any ProbabilisticClassifier)?.classLabels
  }

  /// X through the transformers, then the last step's probabilities.
  public func probabilities(for x: Matrix) throws(NightjarError) -> Matrix {
    try lastProbabilistic("predict_proba").probabilities(
      for: try transformThrough(x))
  }

  /// X through the transformers, then the last step's decision scores.
  public func decisionScores(for x: Matrix) throws(NightjarError) -> Matrix {
    try lastProbabilistic("decision_function").decisionScores(
      for: try transformThrough(x))
  }

  /// The last step, or `Pipeline: the last step (Ridge) gives no
  /// probabilities or decision scores`.
  private func lastProbabilistic(_ operation: String)
    throws(NightjarError) -> any ProbabilisticClassifier
  {
    guard let last = final as? any ProbabilisticClassifier else {
      let name = steps.last.map { type(of: $0.estimator).name } ?? "none"
      throw .invalidArgument(
        operation: operation,
        message: "the last step (\(name)) gives no probabilities or "
          + "decision scores")
    }
    guard isFitted else { throw Self.notFitted(operation) }
    return last
  }
}
