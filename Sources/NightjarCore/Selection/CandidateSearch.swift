// What GridSearchCV and RandomizedSearchCV share: cross-validating a
// list of candidates, ranking them and refitting the best.

/// A search over candidate hyper-parameters with cross-validation.
public protocol CandidateSearch: AnyObject {
  /// The class name as Lua and messages spell it ("GridSearchCV").
  static var name: String { get }
  /// The estimator whose clones are fitted.
  var estimator: any SupervisedEstimator { get }
  /// The candidates, in the order of `cv_results_`.
  var candidates: [[String: ParameterValue]] { get }
  /// How test folds are scored.
  var scorer: Scorer { get }
  /// The measurements of the last `fit`.
  var results: SearchResults? { get }
  /// The best candidate fitted on all rows (with refit).
  var bestEstimator: (any SupervisedEstimator)? { get }
  /// Seconds the refit took.
  var refitTime: Double { get }
  /// Called after each fit with the fits done and their total (from any
  /// thread, one call at a time): the binding draws a progress bar.
  var progress: ((_ done: Int, _ total: Int) -> Void)? { get set }
  /// Runs the search.
  func fit(_ x: Matrix, _ y: Target, sampleWeight: Matrix?)
    throws(NightjarError)
}

extension CandidateSearch {
  /// The best candidate's parameters.
  public var bestParameters: [String: ParameterValue]? {
    results.map { $0.candidates[$0.bestIndex] }
  }
}

/// The loop both searches run.
enum CandidateRun {
  /// Checks that the estimator has every parameter the candidates name:
  /// `GridSearchCV: LogisticRegression has no parameter 'gamma'`.
  static func checkParameters(
    _ estimator: any SupervisedEstimator,
    _ candidates: [[String: ParameterValue]], operation: String
  ) throws(NightjarError) {
    let known = estimator.parameters
    for candidate in candidates {
      for name in candidate.keys.sorted() where known[name] == nil {
        throw .invalidArgument(
          operation: operation,
          message: "\(type(of: estimator).name) has no parameter '\(name)'")
      }
    }
  }

  /// Fits a clone of `estimator` for every candidate on every fold (on
  /// all cores with `parallel`; each fold's rows gathered once), ranks
  /// the candidates by mean test score and, with `refit`, fits the best
  /// on all rows. Returns the results, the refitted estimator and the
  /// seconds the refit took.
  static func fit(
    _ estimator: any SupervisedEstimator,
    candidates: [[String: ParameterValue]], folds: FoldSource,
    scorer: Scorer, refit: Bool, parallel: Bool, operation: String,
    x: Matrix, y: Target, sampleWeight: Matrix?,
    progress: ((_ done: Int, _ total: Int) -> Void)? = nil
  ) throws(NightjarError)
    -> (SearchResults, (any SupervisedEstimator)?, Double)
  {
    try Validation.present(x, "fit")
    try Validation.sameRows(x, y.count, "fit")
    try checkParameters(estimator, candidates, operation: operation)
    let data = try folds.splits(for: estimator, y).map {
      (split) throws(NightjarError) in
      try FoldData(split, x, y, sampleWeight)
    }

    let measured = try Search.run(
      candidates: candidates, folds: data.count, parallel: parallel,
      progress: progress
    ) { (candidate, fold) throws(NightjarError) in
      let model = estimator.cloned()
      try model.setParameters(candidates[candidate])
      try model.fit(data[fold].trainX, target: data[fold].trainY,
                    sampleWeight: data[fold].trainWeights)
      return try scorer.score(model, data[fold].testX, data[fold].testY)
    }
    guard refit else { return (measured, nil, 0) }

    let start = Search.now()
    let best = estimator.cloned()
    try best.setParameters(candidates[measured.bestIndex])
    try best.fit(x, target: y, sampleWeight: sampleWeight)
    return (measured, best, Search.now() - start)
  }
}
