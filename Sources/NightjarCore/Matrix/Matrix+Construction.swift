// Matrix construction: constants, ranges, random values, arrays, copies.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Matrix {
  // MARK: Constants

  /// A rows x columns matrix filled with `value`. Throws when a dimension
  /// is negative or the matrix cannot be allocated.
  public static func full(
    _ rows: Int, _ columns: Int, value: Double
  ) throws(NightjarError) -> Matrix {
    try filled(rows, columns, isVector: false, value: value, "full")
  }

  /// A vector of `count` elements filled with `value`.
  public static func full(
    _ count: Int, value: Double
  ) throws(NightjarError) -> Matrix {
    try filled(1, count, isVector: true, value: value, "full")
  }

  /// A rows x columns matrix of zeros.
  public static func zeros(
    _ rows: Int, _ columns: Int
  ) throws(NightjarError) -> Matrix {
    try filled(rows, columns, isVector: false, value: 0, "zeros")
  }

  /// A vector of `count` zeros.
  public static func zeros(_ count: Int) throws(NightjarError) -> Matrix {
    try filled(1, count, isVector: true, value: 0, "zeros")
  }

  /// A rows x columns matrix of ones.
  public static func ones(
    _ rows: Int, _ columns: Int
  ) throws(NightjarError) -> Matrix {
    try filled(rows, columns, isVector: false, value: 1, "ones")
  }

  /// A vector of `count` ones.
  public static func ones(_ count: Int) throws(NightjarError) -> Matrix {
    try filled(1, count, isVector: true, value: 1, "ones")
  }

  /// A rows x columns matrix with ones on the main diagonal (positions
  /// (i, i)) and zeros elsewhere; `columns` defaults to `rows` (square).
  public static func identity(
    _ rows: Int, _ columns: Int? = nil
  ) throws(NightjarError) -> Matrix {
    let result = try filled(
      rows, columns ?? rows, isVector: false, value: 0, "eye")
    for i in 0..<min(result.rows, result.columns) {
      result.base[i * result.columns + i] = 1
    }
    return result
  }

  static func filled(
    _ rows: Int, _ columns: Int, isVector: Bool, value: Double,
    _ operation: String
  ) throws(NightjarError) -> Matrix {
    let result = try Matrix(
      uninitializedRows: rows, columns: columns, isVector: isVector,
      operation: operation)
    try result.fill(value)
    return result
  }

  /// Sets every element to `value`, in place (Lua's `fill_`).
  public func fill(_ value: Double) throws(NightjarError) {
    let base = self.base
    // Chunks touch disjoint ranges, so they may run on any core; zero is
    // all-bits-zero in IEEE 754, which memset writes fastest.
    try ParallelWork.forEachChunk(elements: count) { range in
      if value == 0 && value.sign == .plus {
        memset(base + range.lowerBound, 0, range.count * 8)
      } else {
        (base + range.lowerBound).update(repeating: value, count: range.count)
      }
    }
  }

  // MARK: Ranges

  /// A vector of `start, start + step, ...` up to but excluding `stop`,
  /// as NumPy's `arange` (stop is exclusive even though Lua's ranges are
  /// inclusive elsewhere). The length is `ceil((stop - start) / step)`,
  /// or 0 when that is negative; element i is `start + i * step`.
  /// Throws when `step` is 0 or any argument is NaN or infinite.
  public static func arange(
    start: Double = 0, stop: Double, step: Double = 1
  ) throws(NightjarError) -> Matrix {
    guard start.isFinite, stop.isFinite, step.isFinite else {
      throw .invalidArgument(
        operation: "arange", message: "arguments must be finite numbers")
    }
    guard step != 0 else {
      throw .invalidArgument(operation: "arange", message: "step must not be 0")
    }
    let length = ((stop - start) / step).rounded(.up)
    guard length < Double(Int.max / 8) else {
      throw .invalidArgument(
        operation: "arange",
        message: "\(length) elements are too many to allocate")
    }
    let count = length > 0 ? Int(length) : 0
    let result = try Matrix(uninitializedCount: count, operation: "arange")
    for i in 0..<count { result.base[i] = start + Double(i) * step }
    return result
  }

  /// A vector of `count` evenly spaced values from `start` to `stop`,
  /// both included (NumPy's `linspace`): element i is
  /// `start + i * (stop - start) / (count - 1)` and the last is exactly
  /// `stop`. `count` 1 gives `[start]`, 0 gives an empty vector. Throws
  /// when `count` is negative or an end is NaN or infinite.
  public static func linspace(
    start: Double, stop: Double, count: Int
  ) throws(NightjarError) -> Matrix {
    guard start.isFinite, stop.isFinite else {
      throw .invalidArgument(
        operation: "linspace", message: "start and stop must be finite")
    }
    guard count >= 0 else {
      throw .invalidArgument(
        operation: "linspace",
        message: "count must not be negative, got \(count)")
    }
    let result = try Matrix(uninitializedCount: count, operation: "linspace")
    let step = count > 1 ? (stop - start) / Double(count - 1) : 0
    for i in 0..<count { result.base[i] = start + Double(i) * step }
    if count > 1 { result.base[count - 1] = stop }
    return result
  }

  // MARK: Random values

  /// A rows x columns matrix of values uniform in [low, high), filled in
  /// row-major order from `generator` (`low + (high - low) * u` with
  /// `u = generator.nextUniform()`).
  public static func uniform(
    _ rows: Int, _ columns: Int, low: Double = 0, high: Double = 1,
    using generator: inout RandomGenerator
  ) throws(NightjarError) -> Matrix {
    try random(rows, columns, isVector: false, "rand") {
      low + (high - low) * generator.nextUniform()
    }
  }

  /// A vector of `count` values uniform in [low, high) from `generator`.
  public static func uniform(
    _ count: Int, low: Double = 0, high: Double = 1,
    using generator: inout RandomGenerator
  ) throws(NightjarError) -> Matrix {
    try random(1, count, isVector: true, "rand") {
      low + (high - low) * generator.nextUniform()
    }
  }

  /// A rows x columns matrix of normal values with mean `mean` and
  /// standard deviation `standardDeviation`, filled in row-major order
  /// from `generator.nextNormal()` (`mean + standardDeviation * z`).
  public static func normal(
    _ rows: Int, _ columns: Int, mean: Double = 0,
    standardDeviation: Double = 1, using generator: inout RandomGenerator
  ) throws(NightjarError) -> Matrix {
    try random(rows, columns, isVector: false, "randn") {
      mean + standardDeviation * generator.nextNormal()
    }
  }

  /// A vector of `count` normal values; see `normal(_:_:mean:...)`.
  public static func normal(
    _ count: Int, mean: Double = 0, standardDeviation: Double = 1,
    using generator: inout RandomGenerator
  ) throws(NightjarError) -> Matrix {
    try random(1, count, isVector: true, "randn") {
      mean + standardDeviation * generator.nextNormal()
    }
  }

  /// Fills in row-major order, polling for cancellation every 64k draws
  /// because the stream is sequential and cannot be split across cores.
  private static func random(
    _ rows: Int, _ columns: Int, isVector: Bool, _ operation: String,
    _ draw: () -> Double
  ) throws(NightjarError) -> Matrix {
    let result = try Matrix(
      uninitializedRows: rows, columns: columns, isVector: isVector,
      operation: operation)
    let count = result.count
    var start = 0
    while start < count {
      try Cancellation.check()
      let end = min(count, start + ParallelWork.chunkElements)
      for i in start..<end { result.base[i] = draw() }
      start = end
    }
    return result
  }

  // MARK: From Swift values

  /// A rows x columns matrix from `values` in row-major order. Throws
  /// `Matrix: 5 values cannot fill a 2x3 matrix (6 needed)` when the
  /// count differs.
  public convenience init(
    _ rows: Int, _ columns: Int, values: [Double]
  ) throws(NightjarError) {
    try self.init(
      uninitializedRows: rows, columns: columns, operation: "Matrix")
    guard values.count == count else {
      throw .shapeMismatch(
        operation: "Matrix",
        message: "\(values.count) values cannot fill a \(rows)x\(columns) "
          + "matrix (\(count) needed)")
    }
    values.withUnsafeBufferPointer { source in
      guard let from = source.baseAddress else { return }
      base.update(from: from, count: count)
    }
  }

  /// A vector holding `values`.
  public convenience init(vector values: [Double]) throws(NightjarError) {
    try self.init(uninitializedCount: values.count, operation: "Matrix")
    values.withUnsafeBufferPointer { source in
      guard let from = source.baseAddress else { return }
      base.update(from: from, count: count)
    }
  }

  /// A matrix whose row i is `rowValues[i]`. No rows give a 0x0 matrix.
  /// Throws `Matrix: row 3 has 2 columns, expected 3` (rows counted from
  /// 1) when the rows differ in length.
  public convenience init(rowValues: [[Double]]) throws(NightjarError) {
    let width = rowValues.first?.count ?? 0
    for (i, row) in rowValues.enumerated() where row.count != width {
      throw .shapeMismatch(
        operation: "Matrix",
        message: "row \(i + 1) has \(row.count) columns, expected \(width)")
    }
    try self.init(
      uninitializedRows: rowValues.count, columns: width,
      operation: "Matrix")
    for (i, row) in rowValues.enumerated() {
      row.withUnsafeBufferPointer { source in
        guard let from = source.baseAddress else { return }
        (base + i * width).update(from: from, count: width)
      }
    }
  }

  /// A rows x columns matrix whose element (i, j), counted from 0, is
  /// `element(i, j)`, called in row-major order. Stops at the first
  /// error `element` throws and rethrows it.
  public convenience init(
    _ rows: Int, _ columns: Int,
    element: (_ row: Int, _ column: Int) throws(NightjarError) -> Double
  ) throws(NightjarError) {
    try self.init(
      uninitializedRows: rows, columns: columns, operation: "from_function")
    if count == 0 { return }
    for i in 0..<rows {
      try Cancellation.check()
      for j in 0..<columns { base[i * columns + j] = try element(i, j) }
    }
  }

  /// A new matrix with the same shape, rank and values.
  public func copy() throws(NightjarError) -> Matrix {
    let result = try Matrix(uninitializedLike: self, operation: "copy")
    try Matrix.copyElements(from: base, to: result.base, count: count)
    return result
  }

  /// Copies `count` elements between buffers that do not overlap, in
  /// parallel chunks when large (memcpy per chunk).
  static func copyElements(
    from source: UnsafePointer<Double>, to target: UnsafeMutablePointer<Double>,
    count: Int
  ) throws(NightjarError) {
    try ParallelWork.forEachChunk(elements: count) { range in
      memcpy(
        target + range.lowerBound, source + range.lowerBound,
        range.count * 8)
    }
  }

  // MARK: To Swift values

  /// The elements in row-major order.
  public func toArray() -> [Double] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// The rows as arrays; a vector gives one row.
  public func toRowArrays() -> [[Double]] {
    (0..<rows).map { i in
      Array(UnsafeBufferPointer(start: base + i * columns, count: columns))
    }
  }
}
