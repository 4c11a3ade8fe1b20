// Exhaustive search over a parameter grid with cross-validation.

/// Fits a clone of `estimator` for every candidate of `grid` on every
/// fold, ranks the candidates by mean test score and (with `refit`)
/// fits the best one on all rows, as scikit-learn's GridSearchCV.
///
/// The (candidate, fold) fits run on all cores; each fold's rows are
/// gathered once and shared by the candidates. Results do not depend on
/// the number of threads.
public final class GridSearchCV {
  public let estimator: any SupervisedEstimator
  public let grid: ParameterGrid
  public var folds: FoldSource = .count(5)
  public var scorer: Scorer = .defaultScore
  public var refit = true
  public var parallel = true
  /// Called after each fit with the fits done and their total (from any
  /// thread, one call at a time): the binding draws a progress bar.
  public var progress: ((_ done: Int, _ total: Int) -> Void)?

  /// The measurements of the last `fit`.
  public private(set) var results: SearchResults?
  /// The best candidate fitted on all rows (with `refit`).
  public private(set) var bestEstimator: (any SupervisedEstimator)?
  /// Seconds the refit took.
  public private(set) var refitTime = 0.0

  public init(_ estimator: any SupervisedEstimator, grid: ParameterGrid) {
    self.estimator = estimator
    self.grid = grid
  }

  /// The best candidate's parameters.
  public var bestParameters: [String: ParameterValue]? {
    results.map { $0.candidates[$0.bestIndex] }
  }

  /// Checks that the estimator has every parameter the grid names:
  /// `GridSearchCV: LogisticRegression has no parameter 'gamma'`.
  public func checkParameters() throws(NightjarError) {
    let known = estimator.parameters
    for candidate in grid.candidates {
      for name in candidate.keys.sorted() where known[name] == nil {
        throw .invalidArgument(
          operation: "GridSearchCV",
          message: "\(type(of: estimator).name) has no parameter '\(name)'")
      }
    }
  }

  /// Runs the search. A parameter the estimator does not have is an
  /// error before any fit (`GridSearchCV: LogisticRegression has no
  /// parameter 'gamma'`).
  public func fit(_ x: Matrix, _ y: Target, sampleWeight: Matrix? = nil)
    throws(NightjarError)
  {
    try Validation.design(x, "fit")
    try Validation.sameRows(x, y.count, "fit")
    try checkParameters()
    let data = try folds.splits(for: estimator, y).map {
      (split) throws(NightjarError) in
      try FoldData(split, x, y, sampleWeight)
    }
    let candidates = grid.candidates
    let estimator = self.estimator
    let scorer = self.scorer
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
    results = measured
    bestEstimator = nil
    guard refit else { return }
    let start = Search.now()
    let best = estimator.cloned()
    try best.setParameters(candidates[measured.bestIndex])
    try best.fit(x, target: y, sampleWeight: sampleWeight)
    refitTime = Search.now() - start
    bestEstimator = best
  }
}
