// The checks every regressor makes on X, y and sample weights, with the
// messages that name what was wrong and where.

/// Validation of regression inputs, shared by the linear models.
///
/// Messages name the operation the user called (`fit`, `predict`), then
/// both sides of a mismatch (`fit: X has 120 rows but y has 119`) or the
/// place of a bad value, counted from 1 as the Lua API counts
/// (`fit: input contains NaN (column 3, row 31)`).
enum RegressionInput {
  /// `x * 0`: NaN exactly when x is NaN or infinite, so one vectorised
  /// sum answers whether a buffer is all finite.
  struct TimesZero: UnaryElementOperation {
    @inline(__always) func callAsFunction(_ x: Double) -> Double { x * 0 }
  }

  /// The first non-finite value of `count` values in row-major order, as
  /// (offset, value), or nil when all are finite. A parallel pass finds
  /// whether there is one; only then a scalar pass finds where.
  static func firstNonFinite(_ values: UnsafePointer<Double>, count: Int)
    throws(NightjarError) -> (offset: Int, value: Double)?
  {
    let probe = try Matrix.totalSum(values, count: count, TimesZero())
    if !probe.isNaN { return nil }
    for offset in 0..<count where !values[offset].isFinite {
      return (offset, values[offset])
    }
    return nil
  }

  /// "NaN" or "infinity", as messages name a bad value.
  static func kind(_ value: Double) -> String {
    value.isNaN ? "NaN" : "infinity"
  }

  /// Checks that X is a non-empty matrix (rows x features) of finite
  /// values: `fit: X must be a matrix, got (5)`, `fit: X is empty (0x3)`,
  /// `fit: input contains NaN (column 3, row 31)`.
  static func checkDesign(_ x: Matrix, _ operation: String)
    throws(NightjarError)
  {
    guard !x.isVector else {
      throw .invalidArgument(
        operation: operation,
        message: "X must be a matrix, got \(x.shapeText)")
    }
    guard !x.isEmpty else {
      throw .invalidArgument(
        operation: operation, message: "X is empty (\(x.shapeText))")
    }
    if let (offset, value) = try firstNonFinite(x.base, count: x.count) {
      throw .invalidArgument(
        operation: operation,
        message: "input contains \(kind(value)) (column "
          + "\(offset % x.columns + 1), row \(offset / x.columns + 1))")
    }
  }

  /// Checks a per-row vector (a vector, or a matrix of one column) of
  /// `rows` finite values; `name` is "y" or "sample_weight".
  static func checkRowVector(
    _ values: Matrix, name: String, rows: Int, _ operation: String
  ) throws(NightjarError) {
    guard values.isVector || values.columns == 1 else {
      throw .invalidArgument(
        operation: operation,
        message: "\(name) must be a vector, got \(values.shapeText)")
    }
    guard values.count == rows else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(rows) rows but \(name) has \(values.count)")
    }
    if let (offset, value) = try firstNonFinite(
      values.base, count: values.count)
    {
      throw .invalidArgument(
        operation: operation,
        message: "\(name) contains \(kind(value)) (row \(offset + 1))")
    }
  }

  /// Checks the target y against X's row count: `fit: X has 120 rows but
  /// y has 119`, `fit: y contains NaN (row 4)`.
  static func checkTarget(_ y: Matrix, rows: Int, _ operation: String)
    throws(NightjarError)
  {
    try checkRowVector(y, name: "y", rows: rows, operation)
  }

  /// Checks sample weights and returns them: finite, none negative, not
  /// all zero (`fit: sample_weight must not be negative, got -1 (row 2)`,
  /// `fit: sample_weight sums to 0`). Nil stays nil.
  static func checkWeights(_ weights: Matrix?, rows: Int, _ operation: String)
    throws(NightjarError) -> [Double]?
  {
    guard let weights else { return nil }
    try checkRowVector(weights, name: "sample_weight", rows: rows, operation)
    var sum = 0.0
    for i in 0..<rows {
      let weight = weights.base[i]
      guard weight >= 0 else {
        throw .invalidArgument(
          operation: operation,
          message: "sample_weight must not be negative, got "
            + "\(Matrix.formatScalar(weight)) (row \(i + 1))")
      }
      sum += weight
    }
    guard sum > 0 else {
      throw .invalidArgument(
        operation: operation, message: "sample_weight sums to 0")
    }
    return weights.toArray()
  }

  /// Checks X for prediction by a model fitted on `features` columns:
  /// `predict: X has 4 columns but the model was fitted with 5`.
  static func checkPrediction(
    _ x: Matrix, features: Int, _ operation: String
  ) throws(NightjarError) {
    guard !x.isVector else {
      throw .invalidArgument(
        operation: operation,
        message: "X must be a matrix, got \(x.shapeText)")
    }
    guard x.columns == features else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(x.columns) columns but the model was fitted "
          + "with \(features)")
    }
    guard x.rows > 0 else {
      throw .invalidArgument(
        operation: operation, message: "X is empty (\(x.shapeText))")
    }
    try checkDesign(x, operation)
  }
}
