// Per-column summaries that ignore NaN: extremes, sums, order statistics.

/// The column statistics the scalers and the imputer learn. NaN values
/// are left out of every statistic; a column with no other value gets
/// NaN (and a count of 0).
///
/// Extremes and sums are one pass over X in fixed blocks of rows, run
/// in parallel and merged in block order, so the result has the same
/// bits for any number of threads. Order statistics work on a
/// column-major copy of X: selection for medians and percentiles, a
/// sort for the most frequent value; columns in parallel.
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

  // MARK: Order statistics

  /// `body` applied to each column's non-NaN values, columns in
  /// parallel. X is first copied column by column (one parallel pass),
  /// so each column's values are contiguous; `body` gets them in no
  /// particular order, in a buffer it may reorder, and answers the
  /// numbers wanted of that column.
  static func perColumn(
    _ x: Matrix,
    _ body: (UnsafeMutableBufferPointer<Double>) -> [Double]
  ) throws(NightjarError) -> [[Double]] {
    let (rows, columns) = PreprocessingInput.shape(x)
    let copy = UnsafeMutablePointer<Double>.allocate(
      capacity: Swift.max(1, rows * columns))
    defer { copy.deallocate() }
    let base = UnsafePointer(x.base)
    try ParallelWork.forEachChunk(
      count: rows, chunkLength: ParallelWork.chunkLength(itemCost: columns),
      itemCost: columns
    ) { _, range in
      for i in range {
        for j in 0..<columns { copy[j * rows + i] = base[i * columns + j] }
      }
    }
    let results = UnsafeMutableBufferPointer<[Double]>.allocate(
      capacity: columns)
    results.initialize(repeating: [])
    defer {
      results.deinitialize()
      results.deallocate()
    }
    try ParallelWork.forEachChunk(
      count: columns, chunkLength: 1, itemCost: rows
    ) { _, range in
      for j in range {
        let column = copy + j * rows
        var kept = 0
        for i in 0..<rows where !column[i].isNaN {
          column[kept] = column[i]
          kept += 1
        }
        results[j] = body(UnsafeMutableBufferPointer(start: column,
                                                     count: kept))
      }
    }
    return Array(results)
  }

  /// Per column: its median, then its percentile at each of `percents`
  /// (NumPy's linear method); NaN for a column with no value. Selection,
  /// not sorting: O(rows) per column on average.
  static func quantiles(_ x: Matrix, percents: [Double])
    throws(NightjarError) -> [[Double]]
  {
    try perColumn(x) { values in
      let count = values.count
      guard count > 0 else {
        return [Double](repeating: .nan, count: 1 + percents.count)
      }
      var ranks = Set(medianRanks(count))
      for q in percents { ranks.formUnion(percentileRanks(count, q)) }
      var start = 0
      for rank in ranks.sorted() {
        select(values, rank: rank, from: start)
        start = rank + 1
      }
      return [median(count: count) { values[$0] }]
        + percents.map { q in percentile(count: count, q) { values[$0] } }
    }
  }

  /// Per column: its most frequent value (the smallest of those tied,
  /// scikit-learn's rule); NaN for a column with no value. Sorts.
  static func mostFrequent(_ x: Matrix) throws(NightjarError) -> [Double] {
    try perColumn(x) { values in
      var sorted = values
      sorted.sort()
      return [mostFrequent(sorted: sorted)]
    }.map { $0[0] }
  }

  /// Rearranges `values[start...]` so that `values[rank]` holds the
  /// value of that rank in ascending order, with nothing larger before
  /// it and nothing smaller after it (within `start...`).
  ///
  /// Introselect: quickselect with median-of-three pivots and Hoare
  /// partitioning, which finishes a range by sorting once it is small,
  /// or once it has taken 2 log2(n) + 8 rounds (so adversarial input
  /// costs O(n log n), not O(n^2)). Called for ascending ranks with
  /// `start` just past the previous one, it finds several ranks in
  /// about the time of one.
  static func select(
    _ values: UnsafeMutableBufferPointer<Double>, rank: Int, from start: Int
  ) {
    var low = start
    var high = values.count
    var rounds = 0
    let limit = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
    while high - low > 16 && rounds < limit {
      rounds += 1
      // Order the first, middle and last: the middle is the pivot, and
      // the ends stop both scans.
      let middle = low + (high - low) / 2
      if values[middle] < values[low] { values.swapAt(middle, low) }
      if values[high - 1] < values[low] { values.swapAt(high - 1, low) }
      if values[high - 1] < values[middle] {
        values.swapAt(high - 1, middle)
      }
      let pivot = values[middle]
      var i = low
      var j = high - 1
      while i <= j {
        while values[i] < pivot { i += 1 }
        while values[j] > pivot { j -= 1 }
        if i <= j {
          values.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      // Now [low, j] <= pivot <= [i, high), and (j, i) equals the pivot.
      if rank <= j {
        high = j + 1
      } else if rank >= i {
        low = i
      } else {
        return
      }
    }
    values[low..<high].sort()
  }

  /// The ranks (0-based) the median of `count` values needs.
  static func medianRanks(_ count: Int) -> [Int] {
    count % 2 == 1 ? [count / 2] : [count / 2 - 1, count / 2]
  }

  /// The virtual index of the q-th percentile of `count` values, by
  /// NumPy's linear method: (count - 1) * (q / 100), split into the
  /// rank below and the fraction past it.
  private static func virtualIndex(_ count: Int, _ q: Double)
    -> (rank: Int, gamma: Double)
  {
    let index = Double(count - 1) * (q / 100)
    let below = index.rounded(.down)
    return (Swift.min(Swift.max(Int(below), 0), count - 1), index - below)
  }

  /// The ranks (0-based) the q-th percentile of `count` values needs.
  static func percentileRanks(_ count: Int, _ q: Double) -> [Int] {
    let rank = virtualIndex(count, q).rank
    return [rank, Swift.min(rank + 1, count - 1)]
  }

  /// The q-th percentile (q in [0, 100]) of `count` values, given the
  /// value of each rank it needs: the two neighbours of the virtual
  /// index joined by NumPy's two-sided lerp, so the result has NumPy's
  /// bits.
  static func percentile(
    count: Int, _ q: Double, _ value: (Int) -> Double
  ) -> Double {
    let (rank, gamma) = virtualIndex(count, q)
    let a = value(rank)
    let b = value(Swift.min(rank + 1, count - 1))
    let difference = b - a
    return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
  }

  /// The median of `count` values, given the value of each rank it
  /// needs: the middle one, or (a + b) / 2 of the middle two, as NumPy.
  static func median(count: Int, _ value: (Int) -> Double) -> Double {
    let ranks = medianRanks(count)
    return ranks.count == 1
      ? value(ranks[0]) : (value(ranks[0]) + value(ranks[1])) / 2
  }

  /// The q-th percentile of ascending values; NaN when there are none.
  static func percentile(_ sorted: [Double], _ q: Double) -> Double {
    sorted.isEmpty ? .nan : percentile(count: sorted.count, q) { sorted[$0] }
  }

  /// The median of ascending values; NaN when there are none.
  static func median(_ sorted: [Double]) -> Double {
    sorted.isEmpty ? .nan : median(count: sorted.count) { sorted[$0] }
  }

  /// The most frequent of ascending values; the smallest of those tied
  /// (scikit-learn's rule). NaN when empty.
  static func mostFrequent<Values: RandomAccessCollection>(
    sorted: Values
  ) -> Double where Values.Element == Double, Values.Index == Int {
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
