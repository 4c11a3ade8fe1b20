// The scores of a search: every candidate on every fold, ranked.

/// What a grid or randomized search measured, in candidate order.
public struct SearchResults {
  /// The hyper-parameters of each candidate.
  public let candidates: [[String: ParameterValue]]
  /// Test scores, candidates x folds; NaN where the fit failed.
  public let scores: [[Double]]
  /// Seconds each fit took, candidates x folds.
  public let fitTimes: [[Double]]
  /// Why fits failed, one text per failed (candidate, fold).
  public let failures: [String]

  public init(
    candidates: [[String: ParameterValue]], scores: [[Double]],
    fitTimes: [[Double]], failures: [String]
  ) {
    self.candidates = candidates
    self.scores = scores
    self.fitTimes = fitTimes
    self.failures = failures
  }

  /// The mean test score of each candidate (NaN if any fold failed).
  public var meanScores: [Double] {
    scores.map { $0.reduce(0, +) / Double(Swift.max(1, $0.count)) }
  }

  /// The standard deviation over folds (dividing by the fold count).
  public var standardDeviations: [Double] {
    zip(scores, meanScores).map { folds, mean in
      var sum = 0.0
      for score in folds { sum += (score - mean) * (score - mean) }
      return (sum / Double(Swift.max(1, folds.count))).squareRoot()
    }
  }

  /// Ranks by mean score, 1 best, ties sharing the smallest rank; failed
  /// candidates tie with the worst, as scikit-learn ranks them.
  public var ranks: [Int] {
    let means = meanScores
    let finite = means.filter { !$0.isNaN }
    guard let lowest = finite.min() else {
      return [Int](repeating: 1, count: means.count)
    }
    let filled = means.map { $0.isNaN ? lowest - 1 : $0 }
    return filled.map { value in 1 + filled.filter { $0 > value }.count }
  }

  /// The first candidate of rank 1.
  public var bestIndex: Int { ranks.firstIndex(of: 1) ?? 0 }

  /// The best candidate's mean score.
  public var bestScore: Double { meanScores[bestIndex] }
}
