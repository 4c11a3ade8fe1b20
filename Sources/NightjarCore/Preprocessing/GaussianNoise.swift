// Augmenting data with noisy copies of its rows.

/// Data augmentation by Gaussian noise: `fitResample` returns X's rows
/// followed by `copies` noisy copies of them (each value plus a draw of
/// N(0, std^2)), with y repeated to match; `transform` returns one noisy
/// copy of X, same shape. The noise is absolute, in X's units: scale
/// the columns first (StandardScaler) so one `std` suits all of them.
///
/// Not a Transformer: noise belongs to training rows, never to the rows
/// a model predicts, so it is no Pipeline step. Stateless (nothing is
/// learned). NaN stays NaN; infinity is an error. y may be labels or
/// numbers (a regression target) and keeps its kind.
///
/// The noise is the same for the same `seed` whatever the thread count:
/// each block of 65536 values has its own `RandomGenerator`, seeded by
/// the next output of a generator seeded with `seed`, and draws its
/// normals (Marsaglia's polar method) in row-major order.
public final class GaussianNoise: Sampler, Persistable {
  public static let name = "GaussianNoise"

  /// The noise's standard deviation, >= 0. Default 0.1.
  public var standardDeviation = 0.1
  /// Noisy copies `fitResample` appends, >= 1. Default 1.
  public var copies = 1
  /// Default 0.
  public var seed = 0

  public init() {}

  /// Always false: there is nothing to fit.
  public var isFitted: Bool { false }

  public var parameters: [String: ParameterValue] {
    ["std": .number(standardDeviation), "copies": .number(Double(copies)),
     "seed": .number(Double(seed))]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "std":
      standardDeviation = try value.nonNegativeNumber(
        for: name, in: Self.name)
    case "copies":
      copies = try value.positiveInteger(for: name, in: Self.name)
    case "seed": seed = try ClassSampling.seed(value, Self.name)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> GaussianNoise {
    let copy = GaussianNoise()
    copy.standardDeviation = standardDeviation
    copy.copies = copies
    copy.seed = seed
    return copy
  }

  /// X's rows, then `copies` noisy copies of them: rows x (1 + copies)
  /// rows; y repeated as many times.
  public func fitResample(_ x: Matrix, _ y: Target) throws(NightjarError)
    -> (x: Matrix, y: Target)
  {
    try PreprocessingInput.check(x, "fit_resample", allowNaN: true)
    let (rows, columns) = PreprocessingInput.shape(x)
    guard y.count == rows else {
      throw .shapeMismatch(
        operation: "fit_resample",
        message: "X has \(rows) rows but y has \(y.count)")
    }

    let (total, overflow) = rows.multipliedReportingOverflow(by: 1 + copies)
    guard !overflow else {
      throw .invalidArgument(
        operation: "fit_resample",
        message: "\(copies) copies of \(rows) rows are too many")
    }
    let grown = x.isVector
      ? try Matrix(uninitializedCount: total, operation: "fit_resample")
      : try Matrix(
        uninitializedRows: total, columns: columns,
        operation: "fit_resample")
    let count = rows * columns
    for copy in 0...copies {
      try Matrix.copyElements(
        from: x.base, to: grown.base + copy * count, count: count)
    }
    try addNoise(grown.base + count, count: copies * count)
    let sources = (0..<total).map { $0 % rows }

    return (grown, try y.take(sources))
  }

  /// X plus noise: same shape.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    try PreprocessingInput.check(x, "transform", allowNaN: true)
    let result = try x.copy()
    try addNoise(result.base, count: result.count)
    return result
  }

  /// Adds N(0, std^2) draws to `count` values, in fixed blocks with a
  /// generator each (see the type's documentation).
  private func addNoise(_ values: UnsafeMutablePointer<Double>, count: Int)
    throws(NightjarError)
  {
    let length = ParallelWork.chunkElements
    let chunks = ParallelWork.chunkCount(count: count, chunkLength: length)
    var master = RandomGenerator(seed: seed)
    let seeds = (0..<chunks).map { _ in master.next() }
    let deviation = standardDeviation
    try ParallelWork.forEachChunk(count: count, chunkLength: length) {
      chunk, range in
      var generator = RandomGenerator(seed: seeds[chunk])
      for offset in range {
        values[offset] += deviation * generator.nextNormal()
      }
    }
  }

  public func fittedState() throws(NightjarError) -> JSON? { nil }

  public func restore(_ state: JSON) throws(NightjarError) {}
}
