// ROC and precision-recall curves, the area under the ROC curve and
// average precision, with scikit-learn 1.9's definitions.

/// scikit-learn's ranking metrics: how well scores (probabilities or
/// decision values) order the positive rows before the negative ones.
///
/// Every function takes the truth first, then the scores: a vector (one
/// score per row, for the positive class) or rows x classes. Sample
/// weights, when given, weigh each row; rows of weight 0 are left out,
/// as scikit-learn does. Undefined values (no positive row) are NaN or
/// follow scikit-learn's convention, with a sentence passed to `warn`;
/// Core never prints.
public enum RankingMetrics {
  /// Receives a warning (one sentence, the operation first).
  public typealias Warn = (String) -> Void

  /// How a multiclass ROC AUC compares the classes.
  public enum MultiClass: String, CaseIterable {
    /// Each class against all the others.
    case ovr
    /// Each pair of classes (Hand and Till, 2001).
    case ovo
  }

  /// A curve: (fpr, tpr) or (precision, recall), and the thresholds.
  public struct Curve {
    public let first: [Double]
    public let second: [Double]
    public let thresholds: [Double]
  }

  /// False and true positives (weighted) at each distinct threshold,
  /// thresholds descending.
  struct Counts {
    var falsePositives: [Double]
    var truePositives: [Double]
    var thresholds: [Double]
  }

  /// scikit-learn's `confusion_matrix_at_thresholds`: rows of weight 0
  /// dropped, rows sorted by descending score (a stable sort, so ties
  /// keep their order and sums round as scikit-learn's do), then the
  /// cumulative true and false positives at the last row of each run of
  /// equal scores. Unweighted false positives are (rows so far) - tps,
  /// exact integers.
  static func counts(
    _ positive: [Bool], _ scores: [Double], _ weights: [Double]?
  ) -> Counts {
    var kept = Array(positive.indices)
    if let weights { kept = kept.filter { weights[$0] != 0 } }
    let order = kept.enumerated().sorted {
      let (a, b) = (scores[$0.element], scores[$1.element])
      return a != b ? a > b : $0.offset < $1.offset
    }.map(\.element)
    var result = Counts(falsePositives: [], truePositives: [], thresholds: [])
    var tps = 0.0
    var fps = 0.0
    for (rank, row) in order.enumerated() {
      let weight = weights?[row] ?? 1
      let truth = positive[row] ? 1.0 : 0.0
      tps += truth * weight
      if weights != nil { fps += (1 - truth) * weight }
      let last = rank == order.count - 1
      if last || scores[order[rank + 1]] != scores[row] {
        result.truePositives.append(tps)
        result.falsePositives.append(
          weights == nil ? Double(rank + 1) - tps : fps)
        result.thresholds.append(scores[row])
      }
    }
    return result
  }

  /// The positive rows of a binary problem, checked as scikit-learn's
  /// `roc_curve` checks them: more than two classes need `positive`
  /// (`multiclass format is not supported`).
  static func binaryTruth(
    _ truth: Labels, _ positive: String?, operation: String
  ) throws(NightjarError) -> [Bool] {
    let classes = try truth.classes(operation)
    if classes.count > 2 && positive == nil {
      throw .invalidArgument(
        operation: operation,
        message: "y_true has \(classes.count) classes (multiclass format "
          + "is not supported); pass pos_label")
    }
    let label = try MetricInput.positiveLabel(
      classes, positive, operation: operation)
    return MetricInput.isPositive(truth, label)
  }

  /// One score per row for a binary metric: the vector itself, or the
  /// column of the positive class of a rows x 2 matrix (what
  /// `predict_proba` returns; scikit-learn wants the column alone).
  static func binaryScores(
    _ scores: ScoreTable, classes: Labels, positive: String,
    operation: String
  ) throws(NightjarError) -> [Double] {
    if scores.columns == 1 { return scores.values }
    guard scores.columns == 2, classes.count <= 2 else {
      throw .shapeMismatch(
        operation: operation,
        message: "y_true has \(classes.count) classes but y_score is "
          + "\(scores.shapeText); pass one score per row")
    }
    let column = (0..<classes.count).first {
      classes.text(at: $0) == positive
    } ?? 1
    return scores.column(column)
  }

  // MARK: Curves

  /// The ROC curve: false and true positive rates at each threshold,
  /// thresholds descending and the first one infinite (the curve starts
  /// at (0, 0)). With `dropIntermediate` (the default), points collinear
  /// with their neighbours are dropped, as scikit-learn does. No negative
  /// (positive) row makes fpr (tpr) NaN, with a warning.
  public static func rocCurve(
    _ truth: Labels, _ scores: Matrix, positive: String? = nil,
    sampleWeight: [Double]? = nil, dropIntermediate: Bool = true,
    warn: Warn = { _ in }
  ) throws(NightjarError) -> Curve {
    let operation = "roc_curve"
    let table = try ScoreTable(scores, name: "y_score", operation: operation)
    try MetricInput.checkRows(truth, table, name: "y_score",
                              operation: operation)
    try MetricInput.checkWeights(
      sampleWeight, rows: truth.count, operation: operation)
    let isPositive = try binaryTruth(truth, positive, operation: operation)
    let classes = try truth.classes(operation)
    let values = try binaryScores(
      table, classes: classes, positive: positive ?? "1",
      operation: operation)
    return roc(isPositive, values, sampleWeight, dropIntermediate,
               warn: warn, operation: operation)
  }

  /// The ROC curve of checked input (see `rocCurve`).
  static func roc(
    _ isPositive: [Bool], _ scores: [Double], _ weights: [Double]?,
    _ dropIntermediate: Bool, warn: Warn, operation: String
  ) -> Curve {
    var c = counts(isPositive, scores, weights)
    if dropIntermediate && c.falsePositives.count > 2 {
      // A point is kept where the curve bends: a non-zero second
      // difference of fps or tps (np.diff(x, 2), as a difference of
      // differences so that it rounds the same).
      let f = c.falsePositives
      let t = c.truePositives
      var keep = [0]
      for i in 1..<(f.count - 1) {
        let bendF = (f[i + 1] - f[i]) - (f[i] - f[i - 1])
        let bendT = (t[i + 1] - t[i]) - (t[i] - t[i - 1])
        if bendF != 0 || bendT != 0 { keep.append(i) }
      }
      keep.append(f.count - 1)
      c = Counts(
        falsePositives: keep.map { f[$0] }, truePositives: keep.map { t[$0] },
        thresholds: keep.map { c.thresholds[$0] })
    }
    let fps = [0] + c.falsePositives
    let tps = [0] + c.truePositives
    let thresholds = [Double.infinity] + c.thresholds
    var fpr = [Double](repeating: .nan, count: fps.count)
    var tpr = fpr
    if let last = fps.last, last > 0 {
      fpr = fps.map { $0 / last }
    } else {
      warn("\(operation): no negative samples in y_true, so the false "
        + "positive rate is undefined (NaN)")
    }
    if let last = tps.last, last > 0 {
      tpr = tps.map { $0 / last }
    } else {
      warn("\(operation): no positive samples in y_true, so the true "
        + "positive rate is undefined (NaN)")
    }
    return Curve(first: fpr, second: tpr, thresholds: thresholds)
  }

  /// The precision-recall curve: precision and recall at each threshold,
  /// recall decreasing, with the point (recall 0, precision 1) last;
  /// thresholds ascending, one fewer than the points. Precision with no
  /// predicted positive is 0; with no positive row recall is 1 for every
  /// threshold, with a warning. `dropIntermediate` (default false) keeps
  /// only the first and last point of each run of equal recall.
  public static func precisionRecallCurve(
    _ truth: Labels, _ scores: Matrix, positive: String? = nil,
    sampleWeight: [Double]? = nil, dropIntermediate: Bool = false,
    warn: Warn = { _ in }
  ) throws(NightjarError) -> Curve {
    let operation = "precision_recall_curve"
    let table = try ScoreTable(scores, name: "y_score", operation: operation)
    try MetricInput.checkRows(truth, table, name: "y_score",
                              operation: operation)
    try MetricInput.checkWeights(
      sampleWeight, rows: truth.count, operation: operation)
    let isPositive = try binaryTruth(truth, positive, operation: operation)
    let classes = try truth.classes(operation)
    let values = try binaryScores(
      table, classes: classes, positive: positive ?? "1",
      operation: operation)
    return precisionRecall(
      isPositive, values, sampleWeight, dropIntermediate, warn: warn,
      operation: operation)
  }

  /// The precision-recall curve of checked input.
  static func precisionRecall(
    _ isPositive: [Bool], _ scores: [Double], _ weights: [Double]?,
    _ dropIntermediate: Bool, warn: Warn, operation: String
  ) -> Curve {
    var c = counts(isPositive, scores, weights)
    if dropIntermediate && c.falsePositives.count > 2 {
      let t = c.truePositives
      var keep = [0]
      for i in 1..<(t.count - 1) where t[i] != t[i - 1] || t[i + 1] != t[i] {
        keep.append(i)
      }
      keep.append(t.count - 1)
      c = Counts(
        falsePositives: keep.map { c.falsePositives[$0] },
        truePositives: keep.map { t[$0] },
        thresholds: keep.map { c.thresholds[$0] })
    }
    let tps = c.truePositives
    let precision = zip(tps, c.falsePositives).map { tp, fp in
      tp + fp != 0 ? tp / (tp + fp) : 0
    }
    var recall = [Double](repeating: 1, count: tps.count)
    if let last = tps.last, last != 0 {
      recall = tps.map { $0 / last }
    } else {
      warn("\(operation): no positive class found in y_true, so recall is "
        + "set to 1 for all thresholds")
    }
    return Curve(
      first: precision.reversed() + [1], second: recall.reversed() + [0],
      thresholds: c.thresholds.reversed())
  }

  // MARK: Areas

  /// The area under (x, y) by the trapezoidal rule, x increasing.
  static func trapezoid(_ x: [Double], _ y: [Double]) -> Double {
    var area = 0.0
    for i in 1..<Swift.max(1, x.count) {
      area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2
    }
    return area
  }

  /// The ROC AUC of a binary column; NaN, with a warning, when only one
  /// class is present (scikit-learn 1.9 warns rather than raises).
  static func binaryAUC(
    _ isPositive: [Bool], _ scores: [Double], _ weights: [Double]?,
    warn: Warn, operation: String
  ) -> Double {
    let positives = isPositive.filter { $0 }.count
    guard positives > 0, positives < isPositive.count else {
      warn("\(operation): only one class is present in y_true, so ROC AUC "
        + "is not defined (NaN)")
      return .nan
    }
    let curve = roc(isPositive, scores, weights, true, warn: warn,
                    operation: operation)
    return trapezoid(curve.first, curve.second)
  }

  /// Average precision of a binary column: the sum over thresholds of
  /// (R_n - R_n-1) P_n, a step integral without interpolation; never
  /// below 0.
  static func binaryAveragePrecision(
    _ isPositive: [Bool], _ scores: [Double], _ weights: [Double]?,
    warn: Warn, operation: String
  ) -> Double {
    let curve = precisionRecall(
      isPositive, scores, weights, false, warn: warn, operation: operation)
    var sum = 0.0
    for i in 0..<(curve.second.count - 1) {
      sum += (curve.second[i + 1] - curve.second[i]) * curve.first[i]
    }
    return Swift.max(0, -sum)
  }
}
