// Errors and R^2 of numeric predictions.

/// scikit-learn's regression metrics on vectors of equal length.
public enum RegressionMetrics {
  /// Checks that truth and prediction are vectors (or single columns) of
  /// the same length, not empty.
  static func pair(_ truth: Matrix, _ predicted: Matrix, _ operation: String)
    throws(NightjarError) -> (UnsafePointer<Double>, UnsafePointer<Double>,
      Int)
  {
    let n = truth.count
    guard n == predicted.count,
      truth.isVector || truth.columns == 1,
      predicted.isVector || predicted.columns == 1
    else {
      throw .shapeMismatch(
        operation: operation,
        message: "y_true has shape \(truth.shapeText) but y_pred has "
          + "shape \(predicted.shapeText)")
    }
    guard n > 0 else {
      throw .invalidArgument(operation: operation, message: "y_true is empty")
    }
    return (UnsafePointer(truth.base), UnsafePointer(predicted.base), n)
  }

  /// The mean of (y - p)^2.
  public static func meanSquaredError(_ truth: Matrix, _ predicted: Matrix)
    throws(NightjarError) -> Double
  {
    let (y, p, n) = try pair(truth, predicted, "mean_squared_error")
    var sum = 0.0
    for i in 0..<n { sum += (y[i] - p[i]) * (y[i] - p[i]) }
    return sum / Double(n)
  }

  /// The mean of |y - p|.
  public static func meanAbsoluteError(_ truth: Matrix, _ predicted: Matrix)
    throws(NightjarError) -> Double
  {
    let (y, p, n) = try pair(truth, predicted, "mean_absolute_error")
    var sum = 0.0
    for i in 0..<n { sum += Swift.abs(y[i] - p[i]) }
    return sum / Double(n)
  }

  /// 1 - SS_res / SS_tot. A constant y gives 1 for a perfect prediction
  /// and 0 otherwise, as scikit-learn does.
  public static func r2(_ truth: Matrix, _ predicted: Matrix)
    throws(NightjarError) -> Double
  {
    let (y, p, n) = try pair(truth, predicted, "r2_score")
    var mean = 0.0
    for i in 0..<n { mean += y[i] }
    mean /= Double(n)
    var residual = 0.0
    var total = 0.0
    for i in 0..<n {
      residual += (y[i] - p[i]) * (y[i] - p[i])
      total += (y[i] - mean) * (y[i] - mean)
    }
    if total == 0 { return residual == 0 ? 1 : 0 }
    return 1 - residual / total
  }
}
