// roc_auc_score and average_precision_score: binary, and averaged over
// the classes of a multiclass problem.

extension RankingMetrics {
  /// The averages a multiclass ranking score offers.
  static let classAverages: [ClassificationMetrics.Average] = [
    .macro, .weighted, .micro,
  ]

  /// A binary metric of each column of a one-hot truth against the
  /// matching score column, averaged as scikit-learn's
  /// `_average_binary_score` does: macro (plain mean), weighted (by each
  /// class's weighted count; a class of weight 0 scores 0), or micro
  /// (every cell of the table as one binary problem).
  static func averaged(
    _ oneHot: [[Bool]], _ scores: ScoreTable, _ weights: [Double]?,
    average: ClassificationMetrics.Average,
    metric: ([Bool], [Double], [Double]?) -> Double
  ) -> Double {
    let k = scores.columns
    if average == .micro {
      let truth = oneHot.flatMap { $0 }
      let repeated = weights.map { list in
        list.flatMap { [Double](repeating: $0, count: k) }
      }
      return metric(truth, scores.values, repeated)
    }
    var values: [Double] = []
    var classWeights: [Double] = []
    for c in 0..<k {
      let truth = oneHot.map { $0[c] }
      values.append(metric(truth, scores.column(c), weights))
      var total = 0.0
      for (row, flag) in truth.enumerated() where flag {
        total += weights?[row] ?? 1
      }
      classWeights.append(total)
    }
    guard average == .weighted else {
      return values.reduce(0, +) / Double(k)
    }
    var sum = 0.0
    var total = 0.0
    for c in 0..<k {
      sum += classWeights[c] == 0 ? 0 : values[c] * classWeights[c]
      total += classWeights[c]
    }
    return sum / total
  }

  /// Each row's class as a one-hot row over `classes`.
  static func oneHot(_ truth: Labels, _ classes: Labels) -> [[Bool]] {
    let codes = truth.encode(with: classes) ?? []
    return codes.map { code in
      (0..<classes.count).map { Int32($0) == code }
    }
  }

  /// The checks a multiclass score table must pass: rows x classes, in
  /// the order of the sorted classes.
  static func checkClassColumns(
    _ scores: ScoreTable, _ classes: Labels, operation: String
  ) throws(NightjarError) {
    guard scores.columns > 1 else {
      throw .shapeMismatch(
        operation: operation,
        message: "y_true has \(classes.count) classes, so y_score must be "
          + "rows x \(classes.count) (one column per class), got "
          + scores.shapeText)
    }
    guard scores.columns == classes.count else {
      throw .shapeMismatch(
        operation: operation,
        message: "y_true has \(classes.count) classes but y_score has "
          + "\(scores.columns) columns")
    }
  }

  /// The area under the ROC curve, as scikit-learn's `roc_auc_score`.
  ///
  /// Binary y (two classes; the larger is positive): the scores are one
  /// per row (a rows x 2 matrix gives its second column). More classes:
  /// scores are rows x classes probabilities, columns in the order of the
  /// sorted classes, each row summing to 1; `multiClass` must be given
  /// (`ovr`: each class against the rest, averaged macro, weighted or
  /// micro; `ovo`: each pair, macro or weighted by the pair's share of
  /// rows, no sample weights). One class in y is NaN with a warning.
  public static func rocAUC(
    _ truth: Labels, _ scores: Matrix, multiClass: MultiClass? = nil,
    average: ClassificationMetrics.Average = .macro,
    sampleWeight: [Double]? = nil, warn: Warn = { _ in }
  ) throws(NightjarError) -> Double {
    let operation = "roc_auc_score"
    let table = try ScoreTable(scores, name: "y_score", operation: operation)
    try MetricInput.checkRows(truth, table, name: "y_score",
                              operation: operation)
    try MetricInput.checkWeights(
      sampleWeight, rows: truth.count, operation: operation)
    let classes = try truth.classes(operation)
    let multiclass = classes.count > 2
      || (classes.count == 2 && table.columns > 2)
    guard multiclass else {
      let positive = classes.count == 2 ? classes.text(at: 1) : "\u{0}"
      let values = try binaryScores(
        table, classes: classes, positive: positive, operation: operation)
      return binaryAUC(
        MetricInput.isPositive(truth, positive), values, sampleWeight,
        warn: warn, operation: operation)
    }

    guard let multiClass else {
      throw .invalidArgument(
        operation: operation,
        message: "y_true has \(classes.count) classes; set multi_class to "
          + "'ovr' or 'ovo'")
    }
    try checkClassColumns(table, classes, operation: operation)
    for row in 0..<table.rows {
      var sum = 0.0
      for c in 0..<table.columns {
        sum += table.values[row * table.columns + c]
      }
      // np.allclose(1, sum): |1 - sum| <= 1e-8 + 1e-5 |sum|.
      guard Swift.abs(1 - sum) <= 1e-8 + 1e-5 * Swift.abs(sum) else {
        throw .invalidArgument(
          operation: operation,
          message: "multiclass ROC AUC needs probabilities: each row of "
            + "y_score must sum to 1 (row \(row + 1) sums to "
            + "\(Labels.format(sum)))")
      }
    }
    guard average != .binary,
      multiClass == .ovr || average != .micro
    else {
      throw .invalidArgument(
        operation: operation,
        message: "average '\(average.rawValue)' is not available with "
          + "multi_class '\(multiClass.rawValue)'")
    }
    let metric = { (t: [Bool], s: [Double], w: [Double]?) -> Double in
      binaryAUC(t, s, w, warn: warn, operation: operation)
    }
    if multiClass == .ovr {
      return averaged(
        oneHot(truth, classes), table, sampleWeight, average: average,
        metric: metric)
    }
    guard sampleWeight == nil else {
      throw .invalidArgument(
        operation: operation,
        message: "sample_weight is not supported with multi_class 'ovo'")
    }
    return oneVersusOne(truth, classes, table, average: average,
                        metric: metric)
  }

  /// Hand and Till's multiclass AUC: for each pair (a, b) of classes, on
  /// the rows of either class, the mean of AUC(a vs b, score a) and
  /// AUC(b vs a, score b); then the mean over pairs, weighted by the
  /// pair's share of rows for `weighted`.
  static func oneVersusOne(
    _ truth: Labels, _ classes: Labels, _ table: ScoreTable,
    average: ClassificationMetrics.Average,
    metric: ([Bool], [Double], [Double]?) -> Double
  ) -> Double {
    let codes = (truth.encode(with: classes) ?? []).map { Int($0) }
    var sum = 0.0
    var total = 0.0
    for a in 0..<classes.count {
      for b in (a + 1)..<classes.count {
        let rows = codes.indices.filter { codes[$0] == a || codes[$0] == b }
        let aScore = metric(
          rows.map { codes[$0] == a },
          rows.map { table.values[$0 * table.columns + a] }, nil)
        let bScore = metric(
          rows.map { codes[$0] == b },
          rows.map { table.values[$0 * table.columns + b] }, nil)
        let weight = average == .weighted
          ? Double(rows.count) / Double(codes.count) : 1
        sum += (aScore + bScore) / 2 * weight
        total += weight
      }
    }
    return sum / total
  }

  /// Average precision, as scikit-learn's `average_precision_score`:
  /// sum_n (R_n - R_n-1) P_n over the thresholds of the
  /// precision-recall curve (no interpolation).
  ///
  /// Binary y: `positive` names the positive label (default 1; it must
  /// be one of the labels when there are two); scores one per row, or a
  /// rows x 2 matrix whose positive column is taken. More classes:
  /// scores rows x classes (sorted classes), each class against the rest,
  /// averaged macro (default), weighted or micro.
  public static func averagePrecision(
    _ truth: Labels, _ scores: Matrix, positive: String? = nil,
    average: ClassificationMetrics.Average = .macro,
    sampleWeight: [Double]? = nil, warn: Warn = { _ in }
  ) throws(NightjarError) -> Double {
    let operation = "average_precision_score"
    let table = try ScoreTable(scores, name: "y_score", operation: operation)
    try MetricInput.checkRows(truth, table, name: "y_score",
                              operation: operation)
    try MetricInput.checkWeights(
      sampleWeight, rows: truth.count, operation: operation)
    let classes = try truth.classes(operation)
    let label = positive ?? "1"
    if classes.count <= 2 {
      let names = (0..<classes.count).map { classes.text(at: $0) }
      if classes.count == 2 && !names.contains(label) {
        throw .invalidArgument(
          operation: operation,
          message: "pos_label '\(label)' is not a label (labels: "
            + names.map { "'\($0)'" }.joined(separator: ", ")
            + "); set pos_label")
      }
      let values = try binaryScores(
        table, classes: classes, positive: label, operation: operation)
      return binaryAveragePrecision(
        MetricInput.isPositive(truth, label), values, sampleWeight,
        warn: warn, operation: operation)
    }

    guard label == "1" else {
      throw .invalidArgument(
        operation: operation,
        message: "pos_label is fixed to 1 for multiclass y_true; do not "
          + "set it")
    }
    try checkClassColumns(table, classes, operation: operation)
    guard Self.classAverages.contains(average) else {
      throw .invalidArgument(
        operation: operation,
        message: "average '\(average.rawValue)' is not available for "
          + "multiclass y_true")
    }
    return averaged(
      oneHot(truth, classes), table, sampleWeight, average: average
    ) { t, s, w in
      binaryAveragePrecision(t, s, w, warn: warn, operation: operation)
    }
  }
}
