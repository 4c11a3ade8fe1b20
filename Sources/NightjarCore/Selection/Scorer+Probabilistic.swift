// The scorers that need probabilities or decision scores: roc_auc and
// its multiclass forms, average_precision and neg_log_loss.

extension Scorer {
  /// The names `probabilistic` knows.
  public static let probabilisticNames = [
    "roc_auc", "roc_auc_ovr", "roc_auc_ovo", "roc_auc_ovr_weighted",
    "roc_auc_ovo_weighted", "average_precision", "neg_log_loss",
  ]

  /// The estimator as a probabilistic classifier, or `roc_auc: Ridge
  /// gives no probabilities or decision scores`.
  static func probabilistic(
    _ estimator: any SupervisedEstimator, _ name: String
  ) throws(NightjarError) -> any ProbabilisticClassifier {
    guard let classifier = estimator as? any ProbabilisticClassifier,
      !(estimator is Pipeline) || estimator.isClassifier
    else {
      throw .invalidArgument(
        operation: name,
        message: "\(type(of: estimator).name) gives no probabilities or "
          + "decision scores")
    }
    return classifier
  }

  /// The scorer scikit-learn calls `name`, for the names in
  /// `probabilisticNames`; nil for others. As in scikit-learn, `roc_auc`
  /// and `average_precision` rank by decision scores, the multiclass
  /// `roc_auc_*` and `neg_log_loss` use probabilities (log loss against
  /// the classes the estimator was fitted with).
  static func probabilistic(named name: String) -> Scorer? {
    switch name {
    case "roc_auc":
      return Scorer(name: name) { (estimator, x, y) throws(NightjarError) in
        let model = try probabilistic(estimator, name)
        let truth = try y.labels(name)
        guard (model.classLabels?.count ?? 2) <= 2 else {
          throw .invalidArgument(
            operation: name,
            message: "y has more than two classes; use 'roc_auc_ovr' or "
              + "'roc_auc_ovo'")
        }
        return try RankingMetrics.rocAUC(
          truth, try model.decisionScores(for: x))
      }
    case "roc_auc_ovr", "roc_auc_ovo", "roc_auc_ovr_weighted",
      "roc_auc_ovo_weighted":
      let multiClass: RankingMetrics.MultiClass =
        name.hasPrefix("roc_auc_ovr") ? .ovr : .ovo
      let average: ClassificationMetrics.Average =
        name.hasSuffix("weighted") ? .weighted : .macro
      return Scorer(name: name) { (estimator, x, y) throws(NightjarError) in
        let model = try probabilistic(estimator, name)
        return try RankingMetrics.rocAUC(
          try y.labels(name), try model.probabilities(for: x),
          multiClass: multiClass, average: average)
      }
    case "average_precision":
      return Scorer(name: name) { (estimator, x, y) throws(NightjarError) in
        let model = try probabilistic(estimator, name)
        let classes = model.classLabels
        let positive = classes.flatMap {
          $0.count == 2 ? $0.text(at: 1) : nil
        }
        return try RankingMetrics.averagePrecision(
          try y.labels(name), try model.decisionScores(for: x),
          positive: positive)
      }
    case "neg_log_loss":
      return Scorer(name: name) { (estimator, x, y) throws(NightjarError) in
        let model = try probabilistic(estimator, name)
        return -(try ProbabilityMetrics.logLoss(
          try y.labels(name), try model.probabilities(for: x),
          labels: model.classLabels))
      }
    default:
      return nil
    }
  }
}
