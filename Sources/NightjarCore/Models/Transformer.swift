// Estimators that turn X into a new X: scalers, encoders, imputers.

/// An estimator that learns from X (and y, for a few) and then maps any
/// X with the same columns to a new matrix: scikit-learn's transformers.
/// A Pipeline chains them before a final estimator.
public protocol Transformer: Estimator {
  /// Learns what `transform` needs from X (rows x features); y is given
  /// when the pipeline has one (most transformers ignore it).
  func fit(_ x: Matrix, target y: Target?) throws(NightjarError)
  /// The transformed rows: a new matrix, X untouched.
  func transform(_ x: Matrix) throws(NightjarError) -> Matrix
}

extension Transformer {
  /// `fit` then `transform` on the same rows.
  public func fitTransform(_ x: Matrix, target y: Target? = nil)
    throws(NightjarError) -> Matrix
  {
    try fit(x, target: y)
    return try transform(x)
  }
}
