// The checks the regressors add to `Validation`: a numeric y and weights
// that sum to more than zero.

/// Validation of regression inputs. X is checked by `Validation` (the
/// messages every estimator shares); this adds y and the weights.
///
/// Messages name the operation the user called (`fit`), then both sides
/// of a mismatch (`fit: X has 120 rows but y has 119`) or the place of a
/// bad value, counted from 1 as the Lua API counts (`fit: y contains NaN
/// (row 4)`).
enum RegressionInput {
  /// Checks the target y against X's row count: a vector (or a matrix of
  /// one column) of finite values. `fit: X has 120 rows but y has 119`,
  /// `fit: y must be a vector, got 5x2`, `fit: y contains NaN (row 4)`.
  static func checkTarget(_ y: Matrix, rows: Int, _ operation: String)
    throws(NightjarError)
  {
    guard y.isVector || y.columns == 1 else {
      throw .invalidArgument(
        operation: operation, message: "y must be a vector, got \(y.shapeText)")
    }
    guard y.count == rows else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(rows) rows but y has \(y.count)")
    }
    let values = y.base
    for i in 0..<y.count where !values[i].isFinite {
      throw .invalidArgument(
        operation: operation,
        message: "y contains \(values[i].isNaN ? "NaN" : "infinity") (row "
          + "\(i + 1))")
    }
  }

  /// Checks X, y and the weights for `fit` and returns the weights (nil
  /// when none were given): `Validation`'s checks, then weights that do
  /// not all vanish (`fit: sample_weight sums to 0`).
  static func checkFit(_ x: Matrix, _ y: Matrix, _ weights: Matrix?)
    throws(NightjarError) -> [Double]?
  {
    try Validation.design(x, "fit")
    try checkTarget(y, rows: x.rows, "fit")
    guard let weights else { return nil }
    let values = try Validation.weights(weights, rows: x.rows, "fit")
    guard values.contains(where: { $0 > 0 }) else {
      throw .invalidArgument(
        operation: "fit", message: "sample_weight sums to 0")
    }
    return values
  }
}
