// Exhaustive search over a parameter grid with cross-validation.

/// Fits a clone of `estimator` for every candidate of `grid` on every
/// fold, ranks the candidates by mean test score and (with `refit`)
/// fits the best one on all rows, as scikit-learn's GridSearchCV.
///
/// The (candidate, fold) fits run on all cores; each fold's rows are
/// gathered once and shared by the candidates. Results do not depend on
/// the number of threads.
public final class GridSearchCV: CandidateSearch {
  public static let name = "GridSearchCV"

  public let estimator: any SupervisedEstimator
  public let grid: ParameterGrid
  public var folds: FoldSource = .count(5)
  public var scorer: Scorer = .defaultScore
  public var refit = true
  public var parallel = true
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

  /// The grid's candidates, in ParameterGrid order.
  public var candidates: [[String: ParameterValue]] { grid.candidates }

  /// Checks that the estimator has every parameter the grid names:
  /// `GridSearchCV: LogisticRegression has no parameter 'gamma'`.
  public func checkParameters() throws(NightjarError) {
    try CandidateRun.checkParameters(
      estimator, grid.candidates, operation: Self.name)
  }

  /// Runs the search. A parameter the estimator does not have is an
  /// error before any fit (`GridSearchCV: LogisticRegression has no
  /// parameter 'gamma'`).
  public func fit(_ x: Matrix, _ y: Target, sampleWeight: Matrix? = nil)
    throws(NightjarError)
  {
    let (measured, best, time) = try CandidateRun.fit(
      estimator, candidates: grid.candidates, folds: folds, scorer: scorer,
      refit: refit, parallel: parallel, operation: Self.name, x: x, y: y,
      sampleWeight: sampleWeight, progress: progress)
    results = measured
    bestEstimator = best
    refitTime = time
  }
}
