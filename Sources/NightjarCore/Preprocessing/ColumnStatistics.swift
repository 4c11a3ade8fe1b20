// Per-column summaries that ignore NaN: extremes, sums, order statistics.

/// The column statistics the scalers and the imputer learn. NaN values
/// are left out of every statistic; a column with no other value gets
/// NaN (and a count of 0).
///
/// Extremes and sums are one pass over X in fixed blocks of rows, run
/// in parallel and merged in block order, so the result has the same
/// bits for any number of threads. Order statistics sort a copy of each
/// column's non-NaN values, columns in parallel.
enum ColumnStatistics {
  /// Per column: the smallest and largest non-NaN value and the number
  /// of non-NaN values. X must hold no infinity (checked by the caller).
  static func extremes(_ x: Matrix) throws(NightjarError)
    -> (minimum: [Double], maximum: [Double], count: [Int])
  {
    let (rows, columns) = PreprocessingInput.shape(x)
    let partial = try blocks(rows, columns, fields: 3) { block, range in
      let low = block
      let high = block + columns
      let count = block + 2 * columns
      for j in 0..<columns {
        low[j] = .infinity
        high[j] = -.infinity
      }
      for i in range {
        let row = x.base + i * columns
        for j in 0..<columns where !row[j].isNaN {
          low[j] = Swift.min(low[j], row[j])
          high[j] = Swift.max(high[j], row[j])
          count[j] += 1
        }
      }
    }
    defer { partial.pointer.deallocate() }
    // Minima and maxima merge exactly in any order; counts are whole.
    var minimum = [Double](repeating: .infinity, count: columns)
    var maximum = [Double](repeating: -.infinity, count: columns)
    var count = [Int](repeating: 0, count: columns)
    for chunk in 0..<partial.chunks {
      let block = partial.pointer + chunk * 3 * columns
      for j in 0..<columns {
        minimum[j] = Swift.min(minimum[j], block[j])
        maximum[j] = Swift.max(maximum[j], block[columns + j])
        count[j] += Int(block[2 * columns + j])
      }
    }
    for j in 0..<columns where count[j] == 0 {
      minimum[j] = .nan
      maximum[j] = .nan
    }
    return (minimum, maximum, count)
  }

  /// Per column: the sum of the non-NaN values (summed in row order
  /// within a block, blocks added in order) and their number.
  static func sums(_ x: Matrix) throws(NightjarError)
    -> (sum: [Double], count: [Int])
  {
    let (rows, columns) = PreprocessingInput.shape(x)
    let partial = try blocks(rows, columns, fields: 2) { block, range in
      let count = block + columns
      for i in range {
        let row = x.base + i * columns
        for j in 0..<columns where !row[j].isNaN {
          block[j] += row[j]
          count[j] += 1
        }
      }
    }
    defer { partial.pointer.deallocate() }
    var sum = [Double](repeating: 0, count: columns)
    var count = [Int](repeating: 0, count: columns)
    for chunk in 0..<partial.chunks {
      let block = partial.pointer + chunk * 2 * columns
      for j in 0..<columns {
        sum[j] += block[j]
        count[j] += Int(block[columns + j])
      }
    }
    return (sum, count)
  }

  /// Runs `body` on each fixed block of rows with `fields * columns`
  /// zeroed doubles of its own; the caller merges and deallocates.
  private static func blocks(
    _ rows: Int, _ columns: Int, fields: Int,
    _ body: (UnsafeMutablePointer<Double>, Range<Int>) -> Void
  ) throws(NightjarError) -> (pointer: UnsafeMutablePointer<Double>,
                              chunks: Int)
  {
    let length = ParallelWork.chunkLength(itemCost: columns)
    let chunks = ParallelWork.chunkCount(count: rows, chunkLength: length)
    let stride = fields * columns
    let pointer = UnsafeMutablePointer<Double>.allocate(
      capacity: Swift.max(1, chunks * stride))
    pointer.initialize(repeating: 0, count: Swift.max(1, chunks * stride))
    do throws(NightjarError) {
      try ParallelWork.forEachChunk(
        count: rows, chunkLength: length, itemCost: columns
      ) { chunk, range in
        body(pointer + chunk * stride, range)
      }
    } catch {
      pointer.deallocate()
      throw error
    }
    return (pointer, chunks)
  }

  /// Each column's non-NaN values in ascending order. Columns are
  /// gathered and sorted in parallel: O(rows log rows) per column.
  static func sortedColumns(_ x: Matrix) throws(NightjarError) -> [[Double]]
  {
    let (rows, columns) = PreprocessingInput.shape(x)
    let sorted = UnsafeMutableBufferPointer<[Double]>.allocate(
      capacity: columns)
    sorted.initialize(repeating: [])
    defer {
      sorted.deinitialize()
      sorted.deallocate()
    }
    let base = UnsafePointer(x.base)
    try ParallelWork.forEachChunk(
      count: columns, chunkLength: 1, itemCost: rows
    ) { _, range in
      for j in range {
        var values: [Double] = []
        values.reserveCapacity(rows)
        for i in 0..<rows where !base[i * columns + j].isNaN {
          values.append(base[i * columns + j])
        }
        values.sort()
        sorted[j] = values
      }
    }
    return Array(sorted)
  }

  /// The q-th percentile (q in [0, 100]) of ascending values by NumPy's
  /// default "linear" method: the virtual index (n - 1) * q / 100 is
  /// interpolated between its neighbours with NumPy's two-sided lerp,
  /// so the result has NumPy's bits. NaN when there are no values.
  static func percentile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = Double(sorted.count - 1) * (q / 100)
    let below = index.rounded(.down)
    let gamma = index - below
    let lower = Swift.min(Swift.max(Int(below), 0), sorted.count - 1)
    let upper = Swift.min(lower + 1, sorted.count - 1)
    let a = sorted[lower]
    let b = sorted[upper]
    let difference = b - a
    return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
  }

  /// The median of ascending values: the middle one, or the mean of the
  /// two middle ones computed as NumPy does, (a + b) / 2. NaN when empty.
  static func median(_ sorted: [Double]) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    if sorted.count % 2 == 1 { return sorted[middle] }
    return (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The most frequent of ascending values; the smallest of those tied
  /// (scikit-learn's rule). NaN when empty.
  static func mostFrequent(_ sorted: [Double]) -> Double {
    guard !sorted.isEmpty else { return .nan }
    var best = sorted[0]
    var bestCount = 0
    var start = 0
    while start < sorted.count {
      var end = start + 1
      while end < sorted.count && sorted[end] == sorted[start] { end += 1 }
      if end - start > bestCount {
        best = sorted[start]
        bestCount = end - start
      }
      start = end
    }
    return best
  }
}
