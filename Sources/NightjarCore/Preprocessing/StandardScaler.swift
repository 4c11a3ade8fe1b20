// Centring and scaling columns to zero mean and unit variance.

/// Standardises each column: (x - mean) / scale, as scikit-learn's
/// StandardScaler. The scale is the population standard deviation
/// (ddof 0); a constant column gets scale 1, so it maps to zeros rather
/// than NaN. NaN values are ignored when fitting (each column's
/// statistics use its non-NaN values) and stay NaN when transforming;
/// infinity is an error.
///
/// Fitting is one pass over X: each block of rows computes its column
/// means and sums of squared deviations with the block in cache, and
/// blocks are merged in order by Chan, Golub and LeVeque's pairwise
/// update, which is as accurate as two passes and gives the same bits
/// for any number of threads. Transforming is one more read and write.
public final class StandardScaler: Transformer, Persistable {
  public static let name = "StandardScaler"

  /// Whether to subtract the mean. Default true.
  public var withMean = true
  /// Whether to divide by the standard deviation. Default true.
  public var withStandardDeviation = true

  /// Column means (vector of features), after fit.
  public internal(set) var mean: Matrix?
  /// Column variances (ddof 0).
  public internal(set) var variance: Matrix?
  /// The divisors: standard deviations, 1 for constant columns.
  public internal(set) var scale: Matrix?
  /// Non-NaN values seen per column.
  public internal(set) var samplesSeen: [Int] = []

  public init() {}

  public var isFitted: Bool { mean != nil }

  public var parameters: [String: ParameterValue] {
    ["with_mean": .boolean(withMean),
     "with_std": .boolean(withStandardDeviation)]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "with_mean": withMean = try value.boolean(for: name, in: Self.name)
    case "with_std":
      withStandardDeviation = try value.boolean(for: name, in: Self.name)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> StandardScaler {
    let copy = StandardScaler()
    copy.withMean = withMean
    copy.withStandardDeviation = withStandardDeviation
    return copy
  }

  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    try StandardScaler.checkInput(x, "fit")
    let p = x.columns
    let rows = x.isVector ? x.count : x.rows
    let columns = x.isVector ? 1 : p
    let length = ParallelWork.chunkLength(itemCost: columns)
    let chunks = ParallelWork.chunkCount(count: rows, chunkLength: length)
    // Per block: count, mean and M2 (sum of squared deviations) of each
    // column, computed in two sweeps over the block while it is cached.
    let stride = 3 * columns
    let partial = UnsafeMutablePointer<Double>.allocate(
      capacity: max(1, chunks * stride))
    defer { partial.deallocate() }
    partial.initialize(repeating: 0, count: max(1, chunks * stride))
    let base = UnsafePointer(x.base)
    try ParallelWork.forEachChunk(
      count: rows, chunkLength: length, itemCost: columns
    ) { chunk, range in
      let count = partial + chunk * stride
      let mean = count + columns
      let m2 = mean + columns
      for i in range {
        let row = base + i * columns
        for j in 0..<columns where !row[j].isNaN {
          count[j] += 1
          mean[j] += row[j]
        }
      }
      for j in 0..<columns where count[j] > 0 { mean[j] /= count[j] }
      for i in range {
        let row = base + i * columns
        for j in 0..<columns where !row[j].isNaN {
          let d = row[j] - mean[j]
          m2[j] += d * d
        }
      }
    }
    // Merge the blocks in order (Chan et al.): combining (n_a, mean_a,
    // M2_a) with (n_b, mean_b, M2_b) adds delta^2 n_a n_b / n to M2.
    var count = [Double](repeating: 0, count: columns)
    var mean = [Double](repeating: 0, count: columns)
    var m2 = [Double](repeating: 0, count: columns)
    for chunk in 0..<chunks {
      let block = partial + chunk * stride
      for j in 0..<columns where block[j] > 0 {
        let nb = block[j]
        let total = count[j] + nb
        let delta = block[columns + j] - mean[j]
        mean[j] += delta * nb / total
        m2[j] += block[2 * columns + j] + delta * delta * count[j] * nb / total
        count[j] = total
      }
    }
    let variance = (0..<columns).map { j in
      count[j] > 0 ? m2[j] / count[j] : .nan
    }
    // A column whose spread is at rounding level of its mean is constant:
    // dividing by that noise would blow it up (scikit-learn's rule).
    let scale = (0..<columns).map { j -> Double in
      let deviation = variance[j].squareRoot()
      let noise = 10 * Double.ulpOfOne * Swift.max(1, Swift.abs(mean[j]))
      return deviation.isNaN || deviation <= noise ? 1 : deviation
    }

    self.mean = try Matrix(vector: mean)
    self.variance = try Matrix(vector: variance)
    self.scale = try Matrix(vector: scale)
    samplesSeen = count.map { Int($0) }
  }

  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    try apply(x, inverse: false, "transform")
  }

  /// Undoes `transform`: x * scale + mean.
  public func inverseTransform(_ x: Matrix) throws(NightjarError) -> Matrix
  {
    try apply(x, inverse: true, "inverse_transform")
  }

  private func apply(_ x: Matrix, inverse: Bool, _ operation: String)
    throws(NightjarError) -> Matrix
  {
    guard let mean, let scale else { throw Self.notFitted(operation) }
    try StandardScaler.checkInput(x, operation)
    let columns = x.isVector ? 1 : x.columns
    guard columns == mean.count else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(columns) columns but the scaler was fitted with "
          + "\(mean.count)")
    }
    let result = try Matrix(
      uninitializedRows: x.rows, columns: x.columns, isVector: x.isVector,
      operation: operation)
    let source = UnsafePointer(x.base)
    let rows = x.isVector ? x.count : x.rows
    // Precomputed per column: y = x * a + b.
    var a = [Double](repeating: 1, count: columns)
    var b = [Double](repeating: 0, count: columns)
    for j in 0..<columns {
      let m = withMean ? mean.base[j] : 0
      let s = withStandardDeviation ? scale.base[j] : 1
      if inverse {
        a[j] = s
        b[j] = m
      } else {
        a[j] = 1 / s
        b[j] = -m / s
      }
    }
    let out = result.base
    let factors = UnsafeMutablePointer<Double>.allocate(capacity: 2 * columns)
    defer { factors.deallocate() }
    for j in 0..<columns {
      factors[j] = a[j]
      factors[columns + j] = b[j]
    }
    let offsets = UnsafePointer(factors + columns)
    let multipliers = UnsafePointer(factors)
    try ParallelWork.forEachChunk(
      count: rows, chunkLength: ParallelWork.chunkLength(itemCost: columns),
      itemCost: columns
    ) { _, range in
      // Read X, write the result: one pass each, no copy first.
      for i in range {
        let from = source + i * columns
        let to = out + i * columns
        for j in 0..<columns {
          to[j] = from[j] * multipliers[j] + offsets[j]
        }
      }
    }
    return result
  }

  /// No infinity (NaN is allowed: it is ignored and kept).
  static func checkInput(_ x: Matrix, _ operation: String)
    throws(NightjarError)
  {
    guard x.count > 0 else {
      throw .invalidArgument(
        operation: operation, message: "X is empty (\(x.shapeText))")
    }
    let columns = x.isVector ? 1 : x.columns
    let base = x.base
    for offset in 0..<x.count where base[offset].isInfinite {
      throw .invalidArgument(
        operation: operation,
        message: "input contains infinity (column \(offset % columns + 1), "
          + "row \(offset / columns + 1))")
    }
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard let mean, let variance, let scale else { return nil }
    return .object([
      ("mean", JSON(mean)), ("var", JSON(variance)), ("scale", JSON(scale)),
      ("n_samples_seen", .array(samplesSeen.map { .number(Double($0)) })),
    ])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    guard let mean = try state["mean"]?.matrix("mean"),
      let variance = try state["var"]?.matrix("var"),
      let scale = try state["scale"]?.matrix("scale"),
      mean.count == variance.count, mean.count == scale.count
    else { throw ModelFile.corrupt("StandardScaler: bad statistics") }
    self.mean = mean
    self.variance = variance
    self.scale = scale
    samplesSeen = (state["n_samples_seen"]?.numbers ?? []).map {
      Int(exactly: $0) ?? 0
    }
  }
}
