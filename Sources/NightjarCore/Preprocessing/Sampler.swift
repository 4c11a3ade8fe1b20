// Estimators that resample rows of X and y: imbalanced-learn's samplers.

/// An estimator that returns a new data set, X and y together, with rows
/// added or removed: imbalanced-learn's samplers (`fit_resample`).
///
/// A sampler is no Transformer: it changes the rows, so it belongs
/// before a model at training time only, never on the rows a model
/// predicts. Every random step is seeded; the same seed gives the same
/// rows whatever the number of threads.
public protocol Sampler: Estimator {
  /// The resampled rows: X (rows x features; a vector is one feature)
  /// and y of the same kind as given (labels stay labels, a Matrix
  /// stays a Matrix).
  func fitResample(_ x: Matrix, _ y: Target) throws(NightjarError)
    -> (x: Matrix, y: Target)
}

/// What the class samplers share: checking X and y, counting classes,
/// and rebuilding y in the kind it came.
enum ClassSampling {
  /// The labels of y, its sorted classes, each row's class position and
  /// the count per class, after checking X (finite, not empty) and that
  /// X and y have as many rows.
  struct Classes {
    let labels: Labels
    let classes: Labels
    let codes: [Int]
    let counts: [Int]

    /// The rows (0-based) of each class, in row order.
    var rowsByClass: [[Int]] {
      var rows = [[Int]](repeating: [], count: counts.count)
      for (row, code) in codes.enumerated() { rows[code].append(row) }
      return rows
    }
  }

  static func classes(_ x: Matrix, _ y: Target) throws(NightjarError)
    -> Classes
  {
    try PreprocessingInput.check(x, "fit_resample", allowNaN: false)
    let rows = PreprocessingInput.shape(x).rows
    guard y.count == rows else {
      throw .shapeMismatch(
        operation: "fit_resample",
        message: "X has \(rows) rows but y has \(y.count)")
    }
    let labels = try y.labels("fit_resample")
    let classes = try labels.classes("fit_resample")
    let codes = (labels.encode(with: classes) ?? []).map { Int($0) }
    var counts = [Int](repeating: 0, count: classes.count)
    for code in codes { counts[code] += 1 }
    return Classes(
      labels: labels, classes: classes, codes: codes, counts: counts)
  }

  /// y for `rows` of the original (0-based), in the kind y came.
  static func target(_ y: Target, _ labels: Labels, rows: [Int])
    throws(NightjarError) -> Target
  {
    retype(y, labels.take(rows))
  }

  /// Labels in the kind `y` came: a Matrix y gives a Matrix vector.
  static func retype(_ y: Target, _ labels: Labels) -> Target {
    if case .values = y, case .numbers(let numbers) = labels,
      let vector = try? Matrix(vector: numbers)
    {
      return .values(vector)
    }
    return .labels(labels)
  }

  /// The counts per class as a model file stores them.
  static func state(_ classes: Labels, _ counts: [Int]) -> JSON {
    .object([
      ("classes", JSON(classes)),
      ("counts", .array(counts.map { .number(Double($0)) })),
    ])
  }

  /// The counts per class from a model file.
  static func restore(_ state: JSON, _ estimator: String)
    throws(NightjarError) -> (Labels, [Int])
  {
    guard let classes = try state["classes"]?.labels("classes"),
      let numbers = state["counts"]?.numbers, numbers.count == classes.count
    else { throw ModelFile.corrupt("\(estimator): bad sampling_strategy_") }
    let counts = numbers.compactMap { Int(exactly: $0) }
    guard counts.count == numbers.count else {
      throw ModelFile.corrupt("\(estimator): bad sampling_strategy_")
    }
    return (classes, counts)
  }

  /// The seed parameter: a whole number (negative ones as Lua integers'
  /// bits).
  static func seed(_ value: ParameterValue, _ estimator: String)
    throws(NightjarError) -> Int
  {
    try value.integer(for: "seed", in: estimator)
  }
}
