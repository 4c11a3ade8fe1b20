// The summation and column-reduction kernels behind Matrix's reductions.

struct IdentityOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double { x }
}

struct DeviationSquareOperation: UnaryElementOperation {
  let center: Double
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    let d = x - center
    return d * d
  }
}

struct NonZeroOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    x != 0 ? 1 : 0
  }
}

/// How a reduction over rows folds one row into per-column accumulators
/// and merges two sets of accumulators. `columnStart` is the first
/// column the pointers cover, for reductions that need per-column data
/// such as the means of a variance.
protocol ColumnReduction {
  var identity: Double { get }
  func accumulate(
    _ row: UnsafePointer<Double>,
    into accumulator: UnsafeMutablePointer<Double>,
    columnStart: Int, count: Int)
  func merge(
    _ other: UnsafePointer<Double>,
    into accumulator: UnsafeMutablePointer<Double>,
    count: Int)
}

/// Sums `transform(x)` down each column.
struct ColumnSum<Transform: UnaryElementOperation>: ColumnReduction {
  let transform: Transform
  var identity: Double { 0 }
  @inline(__always) func accumulate(
    _ row: UnsafePointer<Double>,
    into accumulator: UnsafeMutablePointer<Double>,
    columnStart: Int, count: Int
  ) {
    for j in 0..<count { accumulator[j] += transform(row[j]) }
  }
  @inline(__always) func merge(
    _ other: UnsafePointer<Double>,
    into accumulator: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    for j in 0..<count { accumulator[j] += other[j] }
  }
}

/// Sums the squared deviation from each column's own center.
struct ColumnDeviationSquareSum: ColumnReduction {
  let centers: UnsafePointer<Double>
  var identity: Double { 0 }
  @inline(__always) func accumulate(
    _ row: UnsafePointer<Double>,
    into accumulator: UnsafeMutablePointer<Double>,
    columnStart: Int, count: Int
  ) {
    let center = centers + columnStart
    for j in 0..<count {
      let d = row[j] - center[j]
      accumulator[j] += d * d
    }
  }
  @inline(__always) func merge(
    _ other: UnsafePointer<Double>,
    into accumulator: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    for j in 0..<count { accumulator[j] += other[j] }
  }
}

/// The least (or greatest) value down each column, NaN if any is NaN.
struct ColumnExtreme: ColumnReduction {
  let greatest: Bool
  var identity: Double { greatest ? -.infinity : .infinity }
  // A NaN operand replaces the accumulator, and once the accumulator is
  // NaN both comparisons fail, so NaN sticks: NaN propagates.
  @inline(__always) func pick(_ a: Double, _ x: Double) -> Double {
    if greatest { return x > a || x.isNaN ? x : a }
    return x < a || x.isNaN ? x : a
  }
  @inline(__always) func accumulate(
    _ row: UnsafePointer<Double>,
    into accumulator: UnsafeMutablePointer<Double>,
    columnStart: Int, count: Int
  ) {
    for j in 0..<count { accumulator[j] = pick(accumulator[j], row[j]) }
  }
  @inline(__always) func merge(
    _ other: UnsafePointer<Double>,
    into accumulator: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    for j in 0..<count { accumulator[j] = pick(accumulator[j], other[j]) }
  }
}

extension Matrix {
  /// Rows per block in column reductions: rows of a block are folded
  /// into a block accumulator that is merged once per block, so a sum
  /// down a column is blocked summation with error growing like the
  /// block length plus the number of blocks, not the row count.
  static let reductionBlockRows = 128

  /// Columns per band in column reductions: a band's accumulators (8 KB)
  /// stay in the L1 cache while its rows stream past.
  static let reductionBandColumns = 1024

  /// The sum of `transform(x)` over `count` contiguous values by pairwise
  /// summation: halves are summed recursively down to runs of at most
  /// 128, which use eight interleaved accumulators (vectorisable).
  /// Rounding error grows like log2(count), not count (Higham, "The
  /// accuracy of floating point summation", 1993).
  static func pairwiseSum<Transform: UnaryElementOperation>(
    _ values: UnsafePointer<Double>, _ count: Int, _ transform: Transform
  ) -> Double {
    if count <= 128 {
      var s0 = 0.0
      var s1 = 0.0
      var s2 = 0.0
      var s3 = 0.0
      var s4 = 0.0
      var s5 = 0.0
      var s6 = 0.0
      var s7 = 0.0
      var i = 0
      while i + 8 <= count {
        s0 += transform(values[i])
        s1 += transform(values[i + 1])
        s2 += transform(values[i + 2])
        s3 += transform(values[i + 3])
        s4 += transform(values[i + 4])
        s5 += transform(values[i + 5])
        s6 += transform(values[i + 6])
        s7 += transform(values[i + 7])
        i += 8
      }
      var tail = 0.0
      while i < count {
        tail += transform(values[i])
        i += 1
      }
      return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + tail
    }
    let half = (count / 2 + 7) & ~7
    return pairwiseSum(values, half, transform)
      + pairwiseSum(values + half, count - half, transform)
  }

  /// The pairwise sum of `transform(x)` over `count` values split into
  /// fixed chunks that may run on all cores. The chunk sums are combined
  /// pairwise in chunk order, so the bits do not depend on the threads.
  static func totalSum<Transform: UnaryElementOperation>(
    _ values: UnsafePointer<Double>, count: Int, _ transform: Transform
  ) throws(NightjarError) -> Double {
    let length = ParallelWork.chunkElements
    let chunks = ParallelWork.chunkCount(count: count, chunkLength: length)
    if chunks <= 1 { return pairwiseSum(values, count, transform) }
    let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks)
    defer { partials.deallocate() }
    try ParallelWork.forEachChunk(count: count, chunkLength: length) {
      chunk, range in
      partials[chunk] = pairwiseSum(
        values + range.lowerBound, range.count, transform)
    }
    return pairwiseSum(partials, chunks, IdentityOperation())
  }

  /// `body(row, columns)` for each row, on all cores when large; returns
  /// one value per row as a vector.
  func reduceEachRow(
    operation: String, _ body: (UnsafePointer<Double>, Int, Int) -> Double
  ) throws(NightjarError) -> Matrix {
    let result = try Matrix(uninitializedCount: rows, operation: operation)
    let source = base
    let out = result.base
    let width = columns
    try ParallelWork.forEachChunk(
      count: rows, chunkLength: ParallelWork.chunkLength(itemCost: width),
      itemCost: max(1, width)
    ) { _, range in
      for i in range { out[i] = body(source + i * width, width, i) }
    }
    return result
  }

  /// Applies `reduction` down every column; one value per column, as a
  /// vector. Work is split into a grid of row chunks x column bands whose
  /// shape depends only on the matrix shape. Within a task, blocks of
  /// `reductionBlockRows` rows accumulate into a block buffer merged
  /// into the task's partial; partials of the row chunks are then merged
  /// pairwise (chunk c with c + step, step doubling). Hence the same
  /// bits on every machine, and blocked-then-pairwise accuracy for sums.
  func reduceEachColumn<Reduction: ColumnReduction>(
    _ reduction: Reduction, operation: String
  ) throws(NightjarError) -> Matrix {
    let result = try Matrix(uninitializedCount: columns, operation: operation)
    let width = columns
    let height = rows
    let source = base
    guard width > 0 else { return result }
    let bandWidth = Swift.min(width, Matrix.reductionBandColumns)
    let bands = (width + bandWidth - 1) / bandWidth
    let block = Matrix.reductionBlockRows
    let wanted = ParallelWork.chunkElements / bandWidth
    let chunkRows = Swift.max(8 * block, (wanted + block - 1) / block * block)
    let rowChunks = Swift.max(1, (height + chunkRows - 1) / chunkRows)
    let partials = UnsafeMutablePointer<Double>.allocate(
      capacity: rowChunks * width)
    defer { partials.deallocate() }
    partials.initialize(repeating: reduction.identity, count: rowChunks * width)
    let scratch = UnsafeMutablePointer<Double>.allocate(
      capacity: rowChunks * bands * bandWidth)
    defer { scratch.deallocate() }
    // Task t covers row chunk t / bands and column band t % bands; its
    // partial slice and block scratch belong to it alone.
    try ParallelWork.forEachChunk(
      count: rowChunks * bands, chunkLength: 1,
      itemCost: chunkRows * bandWidth
    ) { task, _ in
      let chunk = task / bands
      let columnStart = (task % bands) * bandWidth
      let span = Swift.min(bandWidth, width - columnStart)
      let partial = partials + chunk * width + columnStart
      let blockSum = scratch + task * bandWidth
      var blockStart = chunk * chunkRows
      let chunkEnd = Swift.min(height, blockStart + chunkRows)
      while blockStart < chunkEnd {
        let blockEnd = Swift.min(chunkEnd, blockStart + block)
        blockSum.update(repeating: reduction.identity, count: span)
        for i in blockStart..<blockEnd {
          reduction.accumulate(
            source + i * width + columnStart, into: blockSum,
            columnStart: columnStart, count: span)
        }
        reduction.merge(blockSum, into: partial, count: span)
        blockStart = blockEnd
      }
    }
    var step = 1
    while step < rowChunks {
      var chunk = 0
      while chunk + step < rowChunks {
        reduction.merge(
          partials + (chunk + step) * width, into: partials + chunk * width,
          count: width)
        chunk += 2 * step
      }
      step *= 2
    }
    result.base.update(from: partials, count: width)
    return result
  }
}
