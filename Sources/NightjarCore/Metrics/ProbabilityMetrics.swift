// log_loss and brier_score_loss: how good predicted probabilities are,
// with scikit-learn 1.9's definitions.

#if canImport(Glibc)
import Glibc
#endif

/// scikit-learn's losses of probabilistic predictions (lower is better).
///
/// Probabilities come as a vector (the positive class's, for two
/// classes) or rows x classes, columns in the order of the sorted
/// classes (what `predict_proba` returns). Values outside [0, 1] are
/// errors; rows that do not sum to 1 are a warning, as in scikit-learn.
public enum ProbabilityMetrics {
  /// Double's machine epsilon, scikit-learn's clipping margin.
  static let epsilon = Double.ulpOfOne

  /// Checked probabilities: rows x classes with two columns for a
  /// vector, the one-hot truth and the classes they refer to.
  struct Problem {
    var probabilities: [[Double]]
    var oneHot: [[Double]]
  }

  /// scikit-learn's `_validate_multiclass_probabilistic_prediction`: the
  /// classes come from `labels` or from y; a vector p becomes the rows
  /// (1 - p, p); the number of classes must match the columns.
  static func multiclass(
    _ truth: Labels, _ table: ScoreTable, labels: Labels?,
    warn: RankingMetrics.Warn, operation: String
  ) throws(NightjarError) -> Problem {
    try checkRange(table, operation: operation)
    let classes: Labels
    if let labels {
      classes = try labels.classes(operation)
      let codes = truth.encode(with: classes)
      guard let codes else {
        throw .invalidArgument(
          operation: operation,
          message: "y_true holds \(truth.kind) but labels holds "
            + "\(labels.kind)")
      }
      if let row = codes.firstIndex(of: -1) {
        throw .invalidArgument(
          operation: operation,
          message: "y_true contains '\(truth.text(at: row))' (row "
            + "\(row + 1)), which is not one of labels")
      }
    } else {
      classes = try truth.classes(operation)
    }
    guard classes.count > 1 else {
      throw .invalidArgument(
        operation: operation,
        message: "y_true contains only one label (\(classes.text(at: 0))); "
          + "pass every expected class label as labels")
    }
    let columns = table.columns == 1 ? 2 : table.columns
    let rows = (0..<table.rows).map { row -> [Double] in
      if table.columns == 1 {
        return [1 - table.values[row], table.values[row]]
      }
      return Array(table.values[(row * columns)..<((row + 1) * columns)])
    }
    let tolerance = epsilon.squareRoot()
    if rows.contains(where: {
      Swift.abs($0.reduce(0, +) - 1) > tolerance
    }) {
      warn("\(operation): the rows of y_prob do not sum to 1; pass "
        + "probabilities")
    }
    guard classes.count == columns else {
      throw .shapeMismatch(
        operation: operation,
        message: "y_true has \(classes.count) classes but y_prob has "
          + "\(columns) columns; pass the classes as labels")
    }
    let codes = truth.encode(with: classes) ?? []
    let oneHot = codes.map { code in
      (0..<columns).map { Int32($0) == code ? 1.0 : 0.0 }
    }
    return Problem(probabilities: rows, oneHot: oneHot)
  }

  /// Values above 1 or below 0 are errors naming the extreme one.
  static func checkRange(_ table: ScoreTable, operation: String)
    throws(NightjarError)
  {
    guard let largest = table.values.max(), let smallest = table.values.min()
    else { return }
    if largest > 1 {
      throw .invalidArgument(
        operation: operation,
        message: "y_prob contains values greater than 1: "
          + Labels.format(largest))
    }
    if smallest < 0 {
      throw .invalidArgument(
        operation: operation,
        message: "y_prob contains values lower than 0: "
          + Labels.format(smallest))
    }
  }

  /// The mean of `values` weighted by `weights` (or plain).
  static func average(_ values: [Double], _ weights: [Double]?) -> Double {
    guard let weights else {
      return values.reduce(0, +) / Double(values.count)
    }
    var sum = 0.0
    var total = 0.0
    for (value, weight) in zip(values, weights) {
      sum += value * weight
      total += weight
    }
    return sum / total
  }

  /// Cross-entropy, scikit-learn's `log_loss`: the (weighted) mean over
  /// rows of -sum_c t_c log p_c, t the one-hot truth and p clipped to
  /// [eps, 1 - eps] (eps = 2.2e-16, as scikit-learn 1.9 clips float64),
  /// so a confident wrong answer costs about 36, not infinity. With
  /// `normalize` false, the (weighted) sum. `labels` gives the classes
  /// when y does not show them all. Probabilities: a vector of the
  /// positive class's, or rows x classes.
  public static func logLoss(
    _ truth: Labels, _ probabilities: Matrix, labels: Labels? = nil,
    normalize: Bool = true, sampleWeight: [Double]? = nil,
    warn: RankingMetrics.Warn = { _ in }
  ) throws(NightjarError) -> Double {
    let operation = "log_loss"
    let table = try ScoreTable(
      probabilities, name: "y_prob", operation: operation)
    try MetricInput.checkRows(truth, table, name: "y_prob",
                              operation: operation)
    try MetricInput.checkWeights(
      sampleWeight, rows: truth.count, operation: operation)
    let problem = try multiclass(
      truth, table, labels: labels, warn: warn, operation: operation)

    var losses: [Double] = []
    losses.reserveCapacity(truth.count)
    for (row, truthRow) in zip(problem.probabilities, problem.oneHot) {
      var loss = 0.0
      for (p, t) in zip(row, truthRow) where t != 0 {
        loss -= t * log(Swift.min(Swift.max(p, epsilon), 1 - epsilon))
      }
      losses.append(loss)
    }
    if normalize { return average(losses, sampleWeight) }
    guard let sampleWeight else { return losses.reduce(0, +) }
    return zip(losses, sampleWeight).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// The Brier score, scikit-learn's `brier_score_loss`: the (weighted)
  /// mean over rows of sum_c (t_c - p_c)^2, halved when there are two
  /// classes (`scaleByHalf` nil, scikit-learn's "auto"), which is the
  /// classic mean of (y - p)^2 for binary y.
  ///
  /// A vector p is the positive class's probability: `positive` names
  /// it; without it, {0, 1} and {-1, 1} use 1 and other numbers the
  /// larger label, while strings need it. rows x classes probabilities
  /// follow the sorted classes (or `labels`).
  public static func brierScore(
    _ truth: Labels, _ probabilities: Matrix, positive: String? = nil,
    labels: Labels? = nil, sampleWeight: [Double]? = nil,
    scaleByHalf: Bool? = nil, warn: RankingMetrics.Warn = { _ in }
  ) throws(NightjarError) -> Double {
    let operation = "brier_score_loss"
    let table = try ScoreTable(
      probabilities, name: "y_prob", operation: operation)
    try MetricInput.checkRows(truth, table, name: "y_prob",
                              operation: operation)
    try MetricInput.checkWeights(
      sampleWeight, rows: truth.count, operation: operation)
    let problem: Problem
    if table.columns == 1 {
      problem = try binary(truth, table, positive: positive,
                           operation: operation)
    } else {
      problem = try multiclass(
        truth, table, labels: labels, warn: warn, operation: operation)
    }

    var squares: [Double] = []
    for (row, truthRow) in zip(problem.probabilities, problem.oneHot) {
      var sum = 0.0
      for (p, t) in zip(row, truthRow) { sum += (t - p) * (t - p) }
      squares.append(sum)
    }
    let score = average(squares, sampleWeight)
    let half = scaleByHalf ?? (table.columns < 3)
    return half ? score * 0.5 : score
  }

  /// scikit-learn's `_validate_binary_probabilistic_prediction`: y must
  /// have at most two classes; the positive one is `positive`, or
  /// decided as `MetricInput.positiveLabel` does, falling back to the
  /// larger number.
  static func binary(
    _ truth: Labels, _ table: ScoreTable, positive: String?,
    operation: String
  ) throws(NightjarError) -> Problem {
    let classes = try truth.classes(operation)
    guard classes.count <= 2 else {
      throw .invalidArgument(
        operation: operation,
        message: "y_true has \(classes.count) classes but y_prob is a "
          + "vector; pass rows x classes probabilities")
    }
    try checkRange(table, operation: operation)
    var label: String
    do throws(NightjarError) {
      label = try MetricInput.positiveLabel(
        classes, positive, operation: operation)
    } catch {
      guard case .numbers = classes else { throw error }
      label = classes.text(at: classes.count - 1)
    }
    let isPositive = MetricInput.isPositive(truth, label)
    return Problem(
      probabilities: table.values.map { [1 - $0, $0] },
      oneHot: isPositive.map { $0 ? [0, 1] : [1, 0] })
  }
}
