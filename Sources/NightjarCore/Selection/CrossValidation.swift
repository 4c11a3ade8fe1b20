// Folds for an estimator, and cross-validated scores.

/// How to cut the rows into folds.
public enum FoldSource {
  /// k folds: StratifiedKFold for classifiers, KFold for regressors,
  /// both without shuffling (scikit-learn's `cv = k`).
  case count(Int)
  case kFold(KFold)
  case stratified(StratifiedKFold)
  /// Splits given as they are.
  case splits([Split])

  /// The splits for this estimator and y.
  public func splits(
    for estimator: any SupervisedEstimator, _ y: Target
  ) throws(NightjarError) -> [Split] {
    switch self {
    case .count(let k):
      // A classifier's y is labels however it came (a Matrix of 0/1 or a
      // table of strings): stratify, as scikit-learn's cv = k does.
      if estimator.isClassifier {
        return try StratifiedKFold(splits: k).split(try y.labels("cv"))
      }
      return try KFold(splits: k).split(count: y.count)
    case .kFold(let folds): return try folds.split(count: y.count)
    case .stratified(let folds): return try folds.split(try y.labels("cv"))
    case .splits(let given): return given
    }
  }
}

/// The rows of one fold, gathered once and shared by every candidate.
struct FoldData {
  let trainX: Matrix
  let trainY: Target
  let trainWeights: Matrix?
  let testX: Matrix
  let testY: Target

  init(_ split: Split, _ x: Matrix, _ y: Target, _ weights: Matrix?)
    throws(NightjarError)
  {
    trainX = try x.rows(at: split.train)
    trainY = try y.take(split.train)
    trainWeights = try weights.map { (w) throws(NightjarError) in
      try w.rows(at: split.train)
    }
    testX = try x.rows(at: split.test)
    testY = try y.take(split.test)
  }
}

/// scikit-learn's cross_val_score and cross_validate.
public enum CrossValidation {
  /// The test score of a clone of `estimator` on each fold, with the
  /// seconds each fit took. Folds run in parallel when `parallel`.
  public static func run(
    _ estimator: any SupervisedEstimator, _ x: Matrix, _ y: Target,
    folds: FoldSource = .count(5), scorer: Scorer = .defaultScore,
    sampleWeight: Matrix? = nil, parallel: Bool = true
  ) throws(NightjarError) -> SearchResults {
    try Validation.present(x, "cross_val_score")
    try Validation.sameRows(x, y.count, "cross_val_score")
    let data = try folds.splits(for: estimator, y).map {
      (split) throws(NightjarError) in
      try FoldData(split, x, y, sampleWeight)
    }
    return try Search.run(
      candidates: [estimator.parameters], folds: data.count,
      parallel: parallel
    ) { (_, fold) throws(NightjarError) in
      let model = estimator.cloned()
      try model.fit(data[fold].trainX, target: data[fold].trainY,
                    sampleWeight: data[fold].trainWeights)
      return try scorer.score(model, data[fold].testX, data[fold].testY)
    }
  }
}
