// Scaling each column by its largest absolute value.

/// Divides each column by its largest absolute value, so values land in
/// [-1, 1] without shifting (zeros stay zeros), as scikit-learn's
/// MaxAbsScaler. A column whose largest magnitude is below 10 machine
/// epsilons gets a divisor of 1.
///
/// NaN values are ignored by `fit` and stay NaN; a column with no other
/// value has NaN statistics. Infinity is an error. One parallel pass.
public final class MaxAbsScaler: Transformer, Persistable {
  public static let name = "MaxAbsScaler"

  /// Per-column largest absolute value (vector of features), after fit.
  public internal(set) var maxAbsolute: Matrix?
  /// The divisors: `maxAbsolute`, 1 for an all-zero column.
  public internal(set) var scale: Matrix?
  /// The rows seen by `fit`.
  public internal(set) var samplesSeen = 0

  public init() {}

  public var isFitted: Bool { scale != nil }

  /// No hyper-parameters (scikit-learn's `copy` does not apply: results
  /// are always new matrices).
  public var parameters: [String: ParameterValue] { [:] }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    throw Self.unknownParameter(name)
  }

  public func cloned() -> MaxAbsScaler { MaxAbsScaler() }

  /// Learns each column's largest absolute value (NaN ignored).
  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    try PreprocessingInput.check(x, "fit", allowNaN: true)

    let (minimum, maximum, _) = try ColumnStatistics.extremes(x)
    let largest = zip(minimum, maximum).map {
      $0.isNaN ? Double.nan : Swift.max(Swift.abs($0), Swift.abs($1))
    }

    maxAbsolute = try Matrix(vector: largest)
    scale = try Matrix(vector: largest.map {
      $0 < 10 * Double.ulpOfOne ? 1 : $0
    })
    samplesSeen = PreprocessingInput.shape(x).rows
  }

  /// x / scale per column. Same shape as X.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    let scale = try state("transform", x)
    return try PreprocessingInput.mapRows(x) { rows, count, columns in
      for i in 0..<count {
        let row = rows + i * columns
        for j in 0..<columns { row[j] /= scale[j] }
      }
    }
  }

  /// Undoes `transform`: x * scale. Same shape as X.
  public func inverseTransform(_ x: Matrix) throws(NightjarError) -> Matrix {
    let scale = try state("inverse_transform", x)
    return try PreprocessingInput.mapRows(x) { rows, count, columns in
      for i in 0..<count {
        let row = rows + i * columns
        for j in 0..<columns { row[j] *= scale[j] }
      }
    }
  }

  private func state(_ operation: String, _ x: Matrix)
    throws(NightjarError) -> [Double]
  {
    guard let scale else { throw Self.notFitted(operation) }
    try PreprocessingInput.check(x, operation, allowNaN: true)
    try PreprocessingInput.columns(
      x, expected: scale.count, noun: "scaler", operation)
    return scale.toArray()
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard let maxAbsolute, let scale else { return nil }
    return .object([
      ("max_abs", JSON(maxAbsolute)), ("scale", JSON(scale)),
      ("n_samples_seen", .number(Double(samplesSeen))),
    ])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    guard let maxAbsolute = try state["max_abs"]?.matrix("max_abs"),
      let scale = try state["scale"]?.matrix("scale"),
      maxAbsolute.count == scale.count
    else { throw ModelFile.corrupt("MaxAbsScaler: bad statistics") }
    self.maxAbsolute = maxAbsolute
    self.scale = scale
    samplesSeen = state["n_samples_seen"]?.number
      .flatMap { Int(exactly: $0) } ?? 0
  }
}
