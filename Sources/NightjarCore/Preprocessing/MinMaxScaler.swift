// Scaling each column onto a range, [0, 1] by default.

/// Maps each column linearly onto `featureRange` (low, high), as
/// scikit-learn's MinMaxScaler: x * scale + min with
/// scale = (high - low) / (data_max - data_min) and
/// min = low - data_min * scale. A constant column (range below
/// 10 machine epsilons) gets a divisor of 1, so it maps to `low`.
///
/// NaN values are ignored by `fit` and stay NaN through `transform`; a
/// column with no other value has NaN statistics and gives NaN.
/// Infinity is an error. X is rows x features (a vector is one
/// feature); fitting is one parallel pass, transforming one more, both
/// with results independent of the thread count.
public final class MinMaxScaler: Transformer, Persistable {
  public static let name = "MinMaxScaler"

  /// The target range (low, high), low < high. Default (0, 1).
  public private(set) var featureRange: (low: Double, high: Double) = (0, 1)
  /// Whether `transform` clips its results to `featureRange` (values of
  /// later data outside the fitted range). Default false.
  public var clip = false

  /// Per-column minimum of the fitted data (vector of features).
  public internal(set) var dataMinimum: Matrix?
  /// Per-column maximum of the fitted data.
  public internal(set) var dataMaximum: Matrix?
  /// data_max - data_min.
  public internal(set) var dataRange: Matrix?
  /// The per-column factor of `transform` (scikit-learn's `scale_`).
  public internal(set) var scale: Matrix?
  /// The per-column offset of `transform` (scikit-learn's `min_`).
  public internal(set) var offset: Matrix?
  /// The rows seen by `fit`.
  public internal(set) var samplesSeen = 0

  public init() {}

  public var isFitted: Bool { scale != nil }

  public var parameters: [String: ParameterValue] {
    ["feature_range": RangeParameter.value(featureRange.low,
                                           featureRange.high),
     "clip": .boolean(clip)]
  }

  /// `feature_range` takes the text "(low, high)"; low must be below
  /// high: `MinMaxScaler: the minimum of 'feature_range' must be smaller
  /// than its maximum, got (1, 0)`.
  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "feature_range":
      let (low, high) = try RangeParameter.pair(
        value, for: name, in: Self.name)
      guard low < high, low.isFinite, high.isFinite else {
        throw .invalidArgument(
          operation: Self.name,
          message: "the minimum of 'feature_range' must be smaller than its "
            + "maximum, got \(RangeParameter.text(low, high))")
      }
      featureRange = (low, high)
    case "clip": clip = try value.boolean(for: name, in: Self.name)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> MinMaxScaler {
    let copy = MinMaxScaler()
    copy.featureRange = featureRange
    copy.clip = clip
    return copy
  }

  /// Learns each column's minimum and maximum (NaN ignored).
  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    try PreprocessingInput.check(x, "fit", allowNaN: true)

    let (minimum, maximum, _) = try ColumnStatistics.extremes(x)
    let range = zip(maximum, minimum).map { $0 - $1 }
    let width = featureRange.high - featureRange.low
    // A range at rounding level is a constant column: divide by 1.
    let scale = range.map { width / ($0 < 10 * Double.ulpOfOne ? 1 : $0) }
    let offset = zip(minimum, scale).map { featureRange.low - $0 * $1 }

    dataMinimum = try Matrix(vector: minimum)
    dataMaximum = try Matrix(vector: maximum)
    dataRange = try Matrix(vector: range)
    self.scale = try Matrix(vector: scale)
    self.offset = try Matrix(vector: offset)
    samplesSeen = PreprocessingInput.shape(x).rows
  }

  /// x * scale + min per column, clipped to `featureRange` when `clip`.
  /// Same shape as X.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    let (scale, offset) = try state("transform", x)
    let (low, high) = featureRange
    let clip = self.clip
    return try PreprocessingInput.mapRows(x) { rows, count, columns in
      for i in 0..<count {
        let row = rows + i * columns
        for j in 0..<columns {
          var value = row[j] * scale[j] + offset[j]
          if clip && value < low { value = low }
          if clip && value > high { value = high }
          row[j] = value
        }
      }
    }
  }

  /// Undoes `transform`: (x - min) / scale. Same shape as X.
  public func inverseTransform(_ x: Matrix) throws(NightjarError) -> Matrix {
    let (scale, offset) = try state("inverse_transform", x)
    return try PreprocessingInput.mapRows(x) { rows, count, columns in
      for i in 0..<count {
        let row = rows + i * columns
        for j in 0..<columns { row[j] = (row[j] - offset[j]) / scale[j] }
      }
    }
  }

  private func state(_ operation: String, _ x: Matrix)
    throws(NightjarError) -> ([Double], [Double])
  {
    guard let scale, let offset else { throw Self.notFitted(operation) }
    try PreprocessingInput.check(x, operation, allowNaN: true)
    try PreprocessingInput.columns(
      x, expected: scale.count, noun: "scaler", operation)
    return (scale.toArray(), offset.toArray())
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard let dataMinimum, let dataMaximum, let dataRange, let scale,
      let offset
    else { return nil }
    return .object([
      ("data_min", JSON(dataMinimum)), ("data_max", JSON(dataMaximum)),
      ("data_range", JSON(dataRange)), ("scale", JSON(scale)),
      ("min", JSON(offset)),
      ("n_samples_seen", .number(Double(samplesSeen))),
    ])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    let names = ["data_min", "data_max", "data_range", "scale", "min"]
    var vectors: [Matrix] = []
    for name in names {
      guard let vector = try state[name]?.matrix(name) else {
        throw ModelFile.corrupt("MinMaxScaler: missing '\(name)'")
      }
      vectors.append(vector)
    }
    guard vectors.allSatisfy({ $0.count == vectors[0].count }) else {
      throw ModelFile.corrupt("MinMaxScaler: statistics of unequal lengths")
    }
    dataMinimum = vectors[0]
    dataMaximum = vectors[1]
    dataRange = vectors[2]
    scale = vectors[3]
    offset = vectors[4]
    samplesSeen = state["n_samples_seen"]?.number
      .flatMap { Int(exactly: $0) } ?? 0
  }
}
