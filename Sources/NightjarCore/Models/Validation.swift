// Input checks shared by the estimators, with messages that name both
// sides.

/// The checks every `fit` and `predict` makes before any work.
enum Validation {
  /// X must be a non-empty matrix (a vector counts as one row).
  static func design(_ x: Matrix, _ operation: String) throws(NightjarError)
  {
    try present(x, operation)
    try finite(x, operation)
  }

  /// X must be a non-empty, unreleased matrix; NaN is left for the
  /// estimator to judge (a pipeline may start with an imputer).
  static func present(_ x: Matrix, _ operation: String)
    throws(NightjarError)
  {
    guard !x.isReleased else {
      throw .invalidArgument(
        operation: operation, message: "X has been released")
    }
    guard x.rows > 0, x.columns > 0 else {
      throw .invalidArgument(
        operation: operation, message: "X is empty (\(x.shapeText))")
    }
  }

  /// No NaN or infinity in X: an error naming the first one's place
  /// (1-based, as the user counts). One vectorised, parallel sum of
  /// x * 0 (NaN exactly when some x is NaN or infinite) answers whether
  /// there is one; only then a scalar pass finds where.
  static func finite(_ x: Matrix, _ operation: String) throws(NightjarError)
  {
    let base = x.base
    let columns = x.columns
    let probe = try Matrix.totalSum(base, count: x.count, TimesZero())
    guard probe.isNaN else { return }
    for offset in 0..<x.count where !base[offset].isFinite {
      let what = base[offset].isNaN ? "NaN" : "infinity"
      throw .invalidArgument(
        operation: operation,
        message: "input contains \(what) (column \(offset % columns + 1), "
          + "row \(offset / columns + 1))")
    }
  }

  /// `x * 0`, for the probe of `finite`.
  struct TimesZero: UnaryElementOperation {
    @inline(__always) func callAsFunction(_ x: Double) -> Double { x * 0 }
  }

  /// X and y have as many rows.
  static func sameRows(
    _ x: Matrix, _ count: Int, _ operation: String, name: String = "y"
  ) throws(NightjarError) {
    guard x.rows == count else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(x.rows) rows but \(name) has \(count)")
    }
  }

  /// Sample weights: one per row, finite and not negative; nil means 1.
  static func weights(
    _ weights: Matrix?, rows: Int, _ operation: String
  ) throws(NightjarError) -> [Double] {
    guard let weights else { return [Double](repeating: 1, count: rows) }
    guard weights.count == rows else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(rows) rows but sample_weight has \(weights.count)")
    }
    let values = weights.toArray()
    if let row = values.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
      throw .invalidArgument(
        operation: operation,
        message: "sample_weight must be finite and not negative (row "
          + "\(row + 1) is \(Labels.format(values[row])))")
    }
    return values
  }

  /// X at prediction time has the columns the model was fitted with.
  static func columns(
    _ x: Matrix, expected: Int, _ operation: String
  ) throws(NightjarError) {
    try design(x, operation)
    guard x.columns == expected else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(x.columns) columns but the model was fitted "
          + "with \(expected)")
    }
  }
}
