// Matrix reductions: sums, means, variances, extremes, counts, norms.

extension Matrix {
  /// The axis a reduction collapses.
  ///
  /// `.rows` (Lua's axis 1, NumPy's axis 0) collapses the rows and gives
  /// one value per column; `.columns` (Lua's axis 2, NumPy's axis 1)
  /// collapses the columns and gives one value per row. A vector has one
  /// axis, `.rows`: reducing over it gives a vector of one element.
  public enum Axis: Int, Sendable {
    /// Reduce over the rows: one value per column.
    case rows = 1
    /// Reduce over the columns: one value per row.
    case columns = 2
  }

  /// The norms `norm` computes.
  public enum Norm: Sendable {
    /// Square root of the sum of squares: the Frobenius norm of a
    /// matrix, the Euclidean 2-norm of a vector.
    case frobenius
    /// Sum of absolute values for a vector; the largest column sum of
    /// absolute values for a matrix.
    case one
    /// Largest absolute value for a vector; the largest row sum of
    /// absolute values for a matrix.
    case infinity
  }

  /// Checks an axis against the rank: a vector has only axis 1.
  func checkAxis(_ axis: Axis, _ operation: String) throws(NightjarError) {
    if isVector && axis == .columns {
      throw .invalidArgument(
        operation: operation, message: "a vector has only axis 1")
    }
  }

  /// A one-element vector, the result of reducing a vector over axis 1.
  static func single(
    _ value: Double, _ operation: String
  ) throws(NightjarError) -> Matrix {
    let result = try Matrix(uninitializedCount: 1, operation: operation)
    result.base[0] = value
    return result
  }

  // MARK: Sums and means

  /// The sum of all elements by pairwise summation in fixed chunks (same
  /// bits whatever the number of cores; error growing like log n). 0 when
  /// empty; NaN when any element is NaN.
  public func sum() throws(NightjarError) -> Double {
    try Matrix.totalSum(base, count: count, IdentityOperation())
  }

  /// Sums along `axis`: a vector with one sum per column (`.rows`) or per
  /// row (`.columns`). Rows are summed pairwise; columns in blocks of
  /// 128 rows whose block sums are combined pairwise. Empty sums are 0.
  public func sum(over axis: Axis) throws(NightjarError) -> Matrix {
    try checkAxis(axis, "sum")
    if isVector { return try Matrix.single(try sum(), "sum") }
    switch axis {
    case .rows:
      return try reduceEachColumn(
        ColumnSum(transform: IdentityOperation()), operation: "sum")
    case .columns:
      return try reduceEachRow(operation: "sum") { row, width, _ in
        Matrix.pairwiseSum(row, width, IdentityOperation())
      }
    }
  }

  /// The arithmetic mean of all elements: `sum() / count`. NaN when
  /// empty or when any element is NaN.
  public func mean() throws(NightjarError) -> Double {
    count == 0 ? .nan : try sum() / Double(count)
  }

  /// Means along `axis` (one per column for `.rows`, per row for
  /// `.columns`); NaN where nothing is averaged.
  public func mean(over axis: Axis) throws(NightjarError) -> Matrix {
    let sums = try sum(over: axis)
    let length = axis == .rows && !isVector ? rows : columns
    try sums.divideAssign(Double(length))
    return sums
  }

  // MARK: Variance

  /// The variance of all elements: the sum of squared deviations from
  /// the mean over `count - ddof` (`ddof` 0 by default, as NumPy: the
  /// population variance; 1 gives the sample variance). Two passes: the
  /// mean first, then the pairwise sum of squared deviations, which is
  /// accurate even when the mean is large against the spread. NaN when
  /// `count - ddof <= 0` or any element is NaN. Throws `var: ddof must
  /// not be negative, got -1`.
  public func variance(ddof: Int = 0) throws(NightjarError) -> Double {
    try Matrix.checkDdof(ddof, "var")
    guard count - ddof > 0 else { return .nan }
    let center = try mean()
    let squares = try Matrix.totalSum(
      base, count: count, DeviationSquareOperation(center: center))
    return squares / Double(count - ddof)
  }

  /// Variances along `axis`, one per column (`.rows`) or per row
  /// (`.columns`), by the same two passes as `variance(ddof:)`. NaN where
  /// the length minus `ddof` is not positive.
  public func variance(
    over axis: Axis, ddof: Int = 0
  ) throws(NightjarError) -> Matrix {
    try checkAxis(axis, "var")
    try Matrix.checkDdof(ddof, "var")
    if isVector { return try Matrix.single(try variance(ddof: ddof), "var") }
    let length = axis == .rows ? rows : columns
    let divisor = length - ddof > 0 ? Double(length - ddof) : .nan
    let centers = try mean(over: axis)
    let squares: Matrix
    switch axis {
    case .rows:
      squares = try reduceEachColumn(
        ColumnDeviationSquareSum(centers: centers.base), operation: "var")
    case .columns:
      let means = centers.base
      squares = try reduceEachRow(operation: "var") { row, width, i in
        Matrix.pairwiseSum(
          row, width, DeviationSquareOperation(center: means[i]))
      }
    }
    try squares.divideAssign(divisor)
    return squares
  }

  /// Throws `<operation>: ddof must not be negative, got -1`; a negative
  /// ddof has no statistical meaning and would overflow `count - ddof`.
  static func checkDdof(
    _ ddof: Int, _ operation: String
  ) throws(NightjarError) {
    guard ddof >= 0 else {
      throw .invalidArgument(
        operation: operation,
        message: "ddof must not be negative, got \(ddof)")
    }
  }

  /// The standard deviation, `variance(ddof:).squareRoot()`.
  public func standardDeviation(
    ddof: Int = 0
  ) throws(NightjarError) -> Double {
    try Matrix.checkDdof(ddof, "std")
    return try variance(ddof: ddof).squareRoot()
  }

  /// Standard deviations along `axis`; see `variance(over:ddof:)`.
  public func standardDeviation(
    over axis: Axis, ddof: Int = 0
  ) throws(NightjarError) -> Matrix {
    try Matrix.checkDdof(ddof, "std")
    let result = try variance(over: axis, ddof: ddof)
    try result.mapAssign(SquareRootOperation())
    return result
  }

  // MARK: Extremes

  /// The least element; NaN when any element is NaN (NaN propagates, as
  /// in NumPy's `min`). Throws `min: empty input has no minimum`.
  public func minimum() throws(NightjarError) -> Double {
    try extreme(greatest: false, "min")
  }

  /// The greatest element; NaN when any element is NaN. Throws
  /// `max: empty input has no maximum`.
  public func maximum() throws(NightjarError) -> Double {
    try extreme(greatest: true, "max")
  }

  /// The least element of each column (`.rows`) or row (`.columns`); NaN
  /// where a NaN occurs. Throws when the collapsed axis is empty.
  public func minimum(over axis: Axis) throws(NightjarError) -> Matrix {
    try extreme(over: axis, greatest: false, "min")
  }

  /// The greatest element of each column (`.rows`) or row (`.columns`).
  public func maximum(over axis: Axis) throws(NightjarError) -> Matrix {
    try extreme(over: axis, greatest: true, "max")
  }

  private func emptyExtremeError(
    greatest: Bool, _ operation: String
  ) -> NightjarError {
    .invalidArgument(
      operation: operation,
      message: "empty input has no \(greatest ? "maximum" : "minimum")")
  }

  private func extreme(
    greatest: Bool, _ operation: String
  ) throws(NightjarError) -> Double {
    guard count > 0 else {
      throw emptyExtremeError(greatest: greatest, operation)
    }
    let picker = ColumnExtreme(greatest: greatest)
    let length = ParallelWork.chunkElements
    let chunks = ParallelWork.chunkCount(count: count, chunkLength: length)
    let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks)
    defer { partials.deallocate() }
    let source = base
    // Each chunk folds its elements with the NaN-sticky picker; the
    // picker is associative and commutative up to which NaN survives,
    // so any chunking gives the same answer.
    try ParallelWork.forEachChunk(count: count, chunkLength: length) {
      chunk, range in
      var best = picker.identity
      for i in range { best = picker.pick(best, source[i]) }
      partials[chunk] = best
    }
    var best = picker.identity
    for chunk in 0..<chunks { best = picker.pick(best, partials[chunk]) }
    return best
  }

  private func extreme(
    over axis: Axis, greatest: Bool, _ operation: String
  ) throws(NightjarError) -> Matrix {
    try checkAxis(axis, operation)
    let collapsed = axis == .rows && !isVector ? rows : columns
    guard collapsed > 0 else {
      throw emptyExtremeError(greatest: greatest, operation)
    }
    if isVector {
      return try Matrix.single(
        try extreme(greatest: greatest, operation),
        operation)
    }
    let picker = ColumnExtreme(greatest: greatest)
    switch axis {
    case .rows:
      return try reduceEachColumn(picker, operation: operation)
    case .columns:
      return try reduceEachRow(operation: operation) { row, width, _ in
        var best = picker.identity
        for j in 0..<width { best = picker.pick(best, row[j]) }
        return best
      }
    }
  }

  /// The 0-based offset (row-major) of the least element, the first one
  /// on ties; a NaN counts as least, so the first NaN's offset is given
  /// when there is one (as NumPy). Throws `argmin: empty input has no
  /// minimum`.
  public func argmin() throws(NightjarError) -> Int {
    try argExtreme(greatest: false, "argmin")
  }

  /// The 0-based offset of the greatest element (first on ties; the
  /// first NaN when there is one). Throws `argmax: empty input has no
  /// maximum`.
  public func argmax() throws(NightjarError) -> Int {
    try argExtreme(greatest: true, "argmax")
  }

  /// The 0-based row (`.rows`) or column (`.columns`) of the least
  /// element of each column or row, as a vector of offsets.
  public func argmin(over axis: Axis) throws(NightjarError) -> Matrix {
    try argExtreme(over: axis, greatest: false, "argmin")
  }

  /// The 0-based row or column of the greatest element along `axis`.
  public func argmax(over axis: Axis) throws(NightjarError) -> Matrix {
    try argExtreme(over: axis, greatest: true, "argmax")
  }

  /// Whether `x` should replace the current best `best`: strictly better,
  /// or the first NaN (a NaN best is never replaced).
  @inline(__always)
  static func replaces(_ x: Double, _ best: Double, greatest: Bool) -> Bool {
    if best.isNaN { return false }
    if x.isNaN { return true }
    return greatest ? x > best : x < best
  }

  private func argExtreme(
    greatest: Bool, _ operation: String
  ) throws(NightjarError) -> Int {
    guard count > 0 else {
      throw emptyExtremeError(greatest: greatest, operation)
    }
    return try Matrix.argExtreme(
      base, count: count, stride: 1, greatest: greatest)
  }

  /// The offset (in steps of `stride`) of the best of `count` values.
  /// Sequential, polling for cancellation every 64k values.
  static func argExtreme(
    _ values: UnsafePointer<Double>, count: Int, stride: Int, greatest: Bool
  ) throws(NightjarError) -> Int {
    var bestIndex = 0
    var best = values[0]
    var i = 1
    while i < count {
      if i % ParallelWork.chunkElements == 0 { try Cancellation.check() }
      let x = values[i * stride]
      if replaces(x, best, greatest: greatest) {
        best = x
        bestIndex = i
      }
      i += 1
    }
    return bestIndex
  }

  private func argExtreme(
    over axis: Axis, greatest: Bool, _ operation: String
  ) throws(NightjarError) -> Matrix {
    try checkAxis(axis, operation)
    let collapsed = axis == .rows && !isVector ? rows : columns
    guard collapsed > 0 else {
      throw emptyExtremeError(greatest: greatest, operation)
    }
    if isVector {
      return try Matrix.single(
        Double(try argExtreme(greatest: greatest, operation)), operation)
    }
    switch axis {
    case .columns:
      return try reduceEachRow(operation: operation) { row, width, _ in
        var best = row[0]
        var bestIndex = 0
        for j in 1..<Swift.max(1, width)
        where Matrix.replaces(row[j], best, greatest: greatest) {
          best = row[j]
          bestIndex = j
        }
        return Double(bestIndex)
      }
    case .rows:
      // Row by row with a best value and row per column; rows are taken
      // in order, so the first row wins ties as the documentation says.
      let result = try Matrix(uninitializedCount: columns, operation: operation)
      if columns == 0 { return result }
      let best = UnsafeMutablePointer<Double>.allocate(capacity: columns)
      defer { best.deallocate() }
      best.update(from: base, count: columns)
      result.base.update(repeating: 0, count: columns)
      for i in 1..<Swift.max(1, rows) {
        if i % 256 == 0 { try Cancellation.check() }
        let row = base + i * columns
        for j in 0..<columns
        where Matrix.replaces(row[j], best[j], greatest: greatest) {
          best[j] = row[j]
          result.base[j] = Double(i)
        }
      }
      return result
    }
  }

  // MARK: Counts and truth

  /// The number of elements that are not 0 (NaN counts as non-zero).
  public func countNonzero() throws(NightjarError) -> Int {
    Int(try Matrix.totalSum(base, count: count, NonZeroOperation()))
  }

  /// The number of non-zero elements in each column (`.rows`) or row
  /// (`.columns`), as a vector of counts.
  public func countNonzero(over axis: Axis) throws(NightjarError) -> Matrix {
    try checkAxis(axis, "count_nonzero")
    if isVector {
      return try Matrix.single(Double(try countNonzero()), "count_nonzero")
    }
    switch axis {
    case .rows:
      return try reduceEachColumn(
        ColumnSum(transform: NonZeroOperation()), operation: "count_nonzero")
    case .columns:
      return try reduceEachRow(operation: "count_nonzero") { row, width, _ in
        Matrix.pairwiseSum(row, width, NonZeroOperation())
      }
    }
  }

  /// Whether any element is non-zero (NaN counts); false when empty.
  public func any() throws(NightjarError) -> Bool {
    try countNonzero() > 0
  }

  /// Whether every element is non-zero (NaN counts); true when empty.
  public func all() throws(NightjarError) -> Bool {
    try countNonzero() == count
  }

  /// 1 where the column (`.rows`) or row (`.columns`) holds any
  /// non-zero element, else 0.
  public func any(over axis: Axis) throws(NightjarError) -> Matrix {
    let counts = try countNonzero(over: axis)
    try counts.mapAssign(NonZeroOperation())
    return counts
  }

  /// 1 where every element of the column (`.rows`) or row (`.columns`)
  /// is non-zero, else 0.
  public func all(over axis: Axis) throws(NightjarError) -> Matrix {
    let counts = try countNonzero(over: axis)
    let length = axis == .rows && !isVector ? rows : columns
    return try counts.equalTo(Double(length))
  }

  // MARK: Norms

  /// The norm of the matrix or vector, `.frobenius` by default (the
  /// Euclidean norm for a vector): see `Norm`. 0 when empty; NaN when any
  /// element is NaN. Squares are summed pairwise without rescaling, so
  /// values beyond about 1e154 overflow to infinity, as in NumPy.
  public func norm(_ kind: Norm = .frobenius) throws(NightjarError) -> Double {
    switch kind {
    case .frobenius:
      return try Matrix.totalSum(base, count: count, SquareOperation())
        .squareRoot()
    case .one where isVector:
      return try Matrix.totalSum(base, count: count, AbsoluteOperation())
    case .infinity where isVector:
      return count == 0 ? 0 : try abs().maximum()
    case .one:
      if isEmpty { return 0 }
      return try reduceEachColumn(
        ColumnSum(transform: AbsoluteOperation()), operation: "norm"
      )
      .maximum()
    case .infinity:
      if isEmpty { return 0 }
      return try reduceEachRow(operation: "norm") { row, width, _ in
        Matrix.pairwiseSum(row, width, AbsoluteOperation())
      }.maximum()
    }
  }

  // MARK: Cumulative sums

  /// Running sums: over all elements in row-major order as a vector when
  /// `axis` is nil (NumPy's flattened `cumsum`), down each column
  /// (`.rows`) or along each row (`.columns`) keeping the shape.
  /// Sequential left-to-right addition, as NumPy; NaN propagates
  /// forward from where it occurs.
  public func cumsum(over axis: Axis? = nil) throws(NightjarError) -> Matrix {
    if let axis { try checkAxis(axis, "cumsum") }
    let flat = axis == nil || isVector
    let result = try Matrix(
      uninitializedRows: flat ? 1 : rows, columns: flat ? count : columns,
      isVector: flat || isVector, operation: "cumsum")
    if result.count == 0 { return result }
    let source = base
    let out = result.base
    if flat {
      var total = 0.0
      for i in 0..<count {
        if i % ParallelWork.chunkElements == 0 { try Cancellation.check() }
        total += source[i]
        out[i] = total
      }
      return result
    }
    let width = columns
    if axis == .columns {
      try ParallelWork.forEachChunk(
        count: rows, chunkLength: ParallelWork.chunkLength(itemCost: width),
        itemCost: max(1, width)
      ) { _, range in
        for i in range {
          var total = 0.0
          for j in 0..<width {
            total += source[i * width + j]
            out[i * width + j] = total
          }
        }
      }
      return result
    }
    // Down the columns: each row adds the previous output row, a unit
    // stride loop over the columns that vectorises.
    for i in 0..<rows {
      if i % 256 == 0 { try Cancellation.check() }
      let row = source + i * width
      let target = out + i * width
      if i == 0 {
        target.update(from: row, count: width)
      } else {
        let previous = target - width
        for j in 0..<width { target[j] = previous[j] + row[j] }
      }
    }
    return result
  }
}
