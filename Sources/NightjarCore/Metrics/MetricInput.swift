// Checks shared by the metrics that read scores or probabilities: shapes,
// finite values, weights and the positive label.

/// Scores or probabilities as the ranking and probabilistic metrics take
/// them: one number per row, or one column per class.
struct ScoreTable {
  /// The number of rows.
  let rows: Int
  /// 1 for one score per row, else the number of classes.
  let columns: Int
  /// Row-major values, rows x columns.
  let values: [Double]

  /// A vector, or a matrix of one column, is one score per row; any other
  /// matrix is rows x classes. NaN or infinity is an error naming the
  /// row (`roc_auc_score: y_score contains NaN (row 3)`).
  init(_ matrix: Matrix, name: String, operation: String)
    throws(NightjarError)
  {
    if matrix.isVector || matrix.columns == 1 {
      rows = matrix.count
      columns = 1
    } else {
      rows = matrix.rows
      columns = matrix.columns
    }
    values = matrix.toArray()
    for (index, value) in values.enumerated() where !value.isFinite {
      throw .invalidArgument(
        operation: operation,
        message: "\(name) contains \(value.isNaN ? "NaN" : "infinity") "
          + "(row \(index / columns + 1))")
    }
  }

  /// Column `c` (0-based).
  func column(_ c: Int) -> [Double] {
    (0..<rows).map { values[$0 * columns + c] }
  }

  /// The text of the shape for messages: `(45)` or `45x3`.
  var shapeText: String {
    columns == 1 ? "(\(rows))" : "\(rows)x\(columns)"
  }
}

/// Input checks the metrics share.
enum MetricInput {
  /// Checks that `truth` and the scores have the same rows and that
  /// there is at least one.
  static func checkRows(
    _ truth: Labels, _ scores: ScoreTable, name: String, operation: String
  ) throws(NightjarError) {
    guard truth.count == scores.rows else {
      throw .shapeMismatch(
        operation: operation,
        message: "y_true has \(truth.count) labels but \(name) has "
          + "\(scores.rows) rows")
    }
    guard truth.count > 0 else {
      throw .invalidArgument(operation: operation, message: "y_true is empty")
    }
  }

  /// Checks sample weights: one per row, finite and not negative.
  static func checkWeights(
    _ weights: [Double]?, rows: Int, operation: String
  ) throws(NightjarError) {
    guard let weights else { return }
    guard weights.count == rows else {
      throw .shapeMismatch(
        operation: operation,
        message: "sample_weight has \(weights.count) values but y_true has "
          + "\(rows)")
    }
    for (index, weight) in weights.enumerated()
    where !weight.isFinite || weight < 0 {
      throw .invalidArgument(
        operation: operation,
        message: "sample_weight must be finite and >= 0 (row \(index + 1) "
          + "is \(Labels.format(weight)))")
    }
  }

  /// The labels as Python writes a set of them, for messages:
  /// `{'no', 'yes'}` or `{1, 2}`.
  static func setText(_ classes: Labels) -> String {
    "{" + (0..<classes.count).map { index -> String in
      if case .strings = classes { return "'\(classes.text(at: index))'" }
      return classes.text(at: index)
    }.joined(separator: ", ") + "}"
  }

  /// The label that counts as positive in a binary problem, as
  /// scikit-learn decides it: `positive` when given; otherwise 1, which
  /// needs the classes to be {0, 1}, {-1, 1} or one of them alone.
  /// Strings and other numbers need `positive`: `y_true takes value in
  /// {'no', 'yes'} and pos_label is not specified: ...`.
  static func positiveLabel(
    _ classes: Labels, _ positive: String?, operation: String
  ) throws(NightjarError) -> String {
    if let positive { return positive }
    let allowed: [[Double]] = [[0, 1], [-1, 1], [0], [1], [-1]]
    if case .numbers(let values) = classes, allowed.contains(values) {
      return "1"
    }
    throw .invalidArgument(
      operation: operation,
      message: "y_true takes value in \(setText(classes)) and pos_label is "
        + "not specified: either make y_true take value in {0, 1} or "
        + "{-1, 1} or pass pos_label explicitly")
  }

  /// Whether each label is the positive one (compared as text, so that
  /// pos_label = 1 and "1" name the same number).
  static func isPositive(_ truth: Labels, _ positive: String) -> [Bool] {
    (0..<truth.count).map { truth.text(at: $0) == positive }
  }
}
