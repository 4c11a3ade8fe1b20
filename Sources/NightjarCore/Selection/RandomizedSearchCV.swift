// Search over hyper-parameters drawn from distributions, with
// cross-validation.

/// scikit-learn's RandomizedSearchCV: `iterations` candidates drawn from
/// `spaces` by a `ParameterSampler` seeded with `seed` (drawn once, when
/// the search is made, so every `fit` tries the same ones), each
/// cross-validated as GridSearchCV does, the best (highest mean test
/// score, the first on a tie) refitted on all rows.
public final class RandomizedSearchCV: CandidateSearch {
  public static let name = "RandomizedSearchCV"

  public let estimator: any SupervisedEstimator
  public let spaces: [[String: ParameterDistribution]]
  public let iterations: Int
  public let seed: UInt64
  public let candidates: [[String: ParameterValue]]
  /// Notes from drawing the candidates (a grid smaller than n_iter).
  public let warnings: [String]
  public var folds: FoldSource = .count(5)
  public var scorer: Scorer = .defaultScore
  public var refit = true
  public var parallel = true
  public var progress: ((_ done: Int, _ total: Int) -> Void)?

  public private(set) var results: SearchResults?
  public private(set) var bestEstimator: (any SupervisedEstimator)?
  public private(set) var refitTime = 0.0

  /// Draws the candidates; errors as `ParameterSampler`, and a parameter
  /// the estimator does not have (`RandomizedSearchCV: Ridge has no
  /// parameter 'C'`).
  public init(
    _ estimator: any SupervisedEstimator,
    spaces: [[String: ParameterDistribution]], iterations: Int = 10,
    seed: UInt64 = 0
  ) throws(NightjarError) {
    let sampler = try ParameterSampler(
      spaces, count: iterations, seed: seed, operation: Self.name)
    try CandidateRun.checkParameters(
      estimator, sampler.candidates, operation: Self.name)
    self.estimator = estimator
    self.spaces = spaces
    self.iterations = iterations
    self.seed = seed
    candidates = sampler.candidates
    warnings = sampler.warnings
  }

  /// Runs the search (see `CandidateRun.fit`).
  public func fit(_ x: Matrix, _ y: Target, sampleWeight: Matrix? = nil)
    throws(NightjarError)
  {
    let (measured, best, time) = try CandidateRun.fit(
      estimator, candidates: candidates, folds: folds, scorer: scorer,
      refit: refit, parallel: parallel, operation: Self.name, x: x, y: y,
      sampleWeight: sampleWeight, progress: progress)
    results = measured
    bestEstimator = best
    refitTime = time
  }
}
