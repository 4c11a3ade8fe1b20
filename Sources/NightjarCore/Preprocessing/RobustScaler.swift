// Centring on the median and scaling by a quantile range.

/// Scales each column robustly to outliers, as scikit-learn's
/// RobustScaler: (x - median) / (q_high - q_low), the quantiles of
/// `quantileRange` (percent) computed by NumPy's default linear
/// interpolation. With `unitVariance` the divisor is further divided by
/// the same quantile range of a standard normal, so that normal data
/// gets unit variance. A column whose quantile range is below 10
/// machine epsilons gets a divisor of 1.
///
/// NaN values are ignored by `fit` and stay NaN; a column with no other
/// value has NaN statistics. Infinity is an error. Fitting selects the
/// order statistics of each column (O(rows) on average, columns in
/// parallel).
public final class RobustScaler: Transformer, Persistable {
  public static let name = "RobustScaler"

  /// Whether to subtract the median. Default true.
  public var withCentering = true
  /// Whether to divide by the quantile range. Default true.
  public var withScaling = true
  /// The quantiles, in percent, 0 <= low <= high <= 100. Default
  /// (25, 75): the interquartile range.
  public private(set) var quantileRange: (low: Double, high: Double) =
    (25, 75)
  /// Whether to make the scale that of a standard normal. Default false.
  public var unitVariance = false

  /// Per-column medians (nil when not centring).
  public internal(set) var center: Matrix?
  /// Per-column divisors (nil when not scaling).
  public internal(set) var scale: Matrix?
  /// The number of features seen by `fit` (0 before).
  public internal(set) var featureCount = 0

  public init() {}

  public var isFitted: Bool { featureCount > 0 }

  public var parameters: [String: ParameterValue] {
    ["with_centering": .boolean(withCentering),
     "with_scaling": .boolean(withScaling),
     "quantile_range": RangeParameter.value(quantileRange.low,
                                            quantileRange.high),
     "unit_variance": .boolean(unitVariance)]
  }

  /// `quantile_range` takes the text "(low, high)":
  /// `RobustScaler: 'quantile_range' must satisfy 0 <= low <= high <=
  /// 100, got (80, 20)`.
  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "with_centering":
      withCentering = try value.boolean(for: name, in: Self.name)
    case "with_scaling":
      withScaling = try value.boolean(for: name, in: Self.name)
    case "unit_variance":
      unitVariance = try value.boolean(for: name, in: Self.name)
    case "quantile_range":
      let (low, high) = try RangeParameter.pair(
        value, for: name, in: Self.name)
      guard 0 <= low, low <= high, high <= 100 else {
        throw .invalidArgument(
          operation: Self.name,
          message: "'quantile_range' must satisfy 0 <= low <= high <= 100, "
            + "got \(RangeParameter.text(low, high))")
      }
      quantileRange = (low, high)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> RobustScaler {
    let copy = RobustScaler()
    copy.withCentering = withCentering
    copy.withScaling = withScaling
    copy.quantileRange = quantileRange
    copy.unitVariance = unitVariance
    return copy
  }

  /// Learns the medians and quantile ranges (NaN ignored).
  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    try PreprocessingInput.check(x, "fit", allowNaN: true)

    let quantiles = try ColumnStatistics.quantiles(
      x, percents: [quantileRange.low, quantileRange.high])
    let center = quantiles.map { $0[0] }
    var scale = quantiles.map { $0[2] - $0[1] }
    scale = scale.map { $0 < 10 * Double.ulpOfOne ? 1 : $0 }
    if unitVariance {
      let adjust = NormalDistribution.quantile(quantileRange.high / 100)
        - NormalDistribution.quantile(quantileRange.low / 100)
      scale = scale.map { $0 / adjust }
    }

    self.center = withCentering ? try Matrix(vector: center) : nil
    self.scale = withScaling ? try Matrix(vector: scale) : nil
    featureCount = quantiles.count
  }

  /// (x - center) / scale, each step only when enabled. Same shape as X.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    let (center, scale) = try state("transform", x)
    return try PreprocessingInput.mapRows(x) { rows, count, columns in
      for i in 0..<count {
        let row = rows + i * columns
        for j in 0..<columns { row[j] = (row[j] - center[j]) / scale[j] }
      }
    }
  }

  /// Undoes `transform`: x * scale + center. Same shape as X.
  public func inverseTransform(_ x: Matrix) throws(NightjarError) -> Matrix {
    let (center, scale) = try state("inverse_transform", x)
    return try PreprocessingInput.mapRows(x) { rows, count, columns in
      for i in 0..<count {
        let row = rows + i * columns
        for j in 0..<columns { row[j] = row[j] * scale[j] + center[j] }
      }
    }
  }

  /// The centre and scale per column: 0 and 1 where disabled.
  private func state(_ operation: String, _ x: Matrix)
    throws(NightjarError) -> ([Double], [Double])
  {
    guard isFitted else { throw Self.notFitted(operation) }
    try PreprocessingInput.check(x, operation, allowNaN: true)
    try PreprocessingInput.columns(
      x, expected: featureCount, noun: "scaler", operation)
    return (
      center?.toArray() ?? [Double](repeating: 0, count: featureCount),
      scale?.toArray() ?? [Double](repeating: 1, count: featureCount)
    )
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard isFitted else { return nil }
    return .object([
      ("n_features_in", .number(Double(featureCount))),
      ("center", center.map { JSON($0) } ?? .null),
      ("scale", scale.map { JSON($0) } ?? .null),
    ])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    guard let count = state["n_features_in"]?.number
      .flatMap({ Int(exactly: $0) }), count > 0
    else { throw ModelFile.corrupt("RobustScaler: missing 'n_features_in'") }
    let center = state["center"] == .null
      ? nil : try state["center"]?.matrix("center")
    let scale = state["scale"] == .null
      ? nil : try state["scale"]?.matrix("scale")
    guard center?.count ?? count == count, scale?.count ?? count == count
    else {
      throw ModelFile.corrupt(
        "RobustScaler: statistics do not have \(count) features")
    }
    self.center = center
    self.scale = scale
    featureCount = count
  }
}
