// Transformers that take a data frame, and those that take category
// columns: what lets a pipeline start from a DataFrame.

/// A transformer whose input is a data frame: it picks columns by name
/// and gives a matrix (ColumnTransformer). A Pipeline whose first step
/// is one takes a DataFrame as X.
public protocol FrameTransformer: Estimator {
  /// Learns what `transform` needs from the frame's columns; y is given
  /// when the pipeline has one.
  func fit(_ frame: DataFrame, target y: Target?) throws(NightjarError)
  /// The frame's rows as a new matrix.
  func transform(_ frame: DataFrame) throws(NightjarError) -> Matrix
}

extension FrameTransformer {
  /// `fit` then `transform` on the same rows.
  public func fitTransform(_ frame: DataFrame, target y: Target? = nil)
    throws(NightjarError) -> Matrix
  {
    try fit(frame, target: y)
    return try transform(frame)
  }
}

/// A transformer that also takes category columns, numbers or strings,
/// one `Labels` per feature: the encoders. A ColumnTransformer hands
/// them a frame's text columns this way.
public protocol CategoryTransformer: Transformer {
  /// Learns the categories of each column.
  func fit(columns: [Labels]) throws(NightjarError)
  /// The encoded rows of the columns.
  func transform(columns: [Labels]) throws(NightjarError) -> Matrix
}

extension OneHotEncoder: CategoryTransformer {}
extension OrdinalEncoder: CategoryTransformer {}
