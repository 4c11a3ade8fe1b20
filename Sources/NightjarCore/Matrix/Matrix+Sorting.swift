// Order statistics: sort, argsort, unique, median and quantiles.

extension Matrix {
  // MARK: Kernels

  /// Sorts `count` values ascending with NaN last (as NumPy): the NaNs
  /// are moved to the end first, so the rest sorts with a plain `<`.
  static func sortValues(_ values: UnsafeMutablePointer<Double>, _ count: Int) {
    var end = count
    var i = 0
    while i < end {
      if values[i].isNaN {
        end -= 1
        swapValues(values, i, end)
      } else {
        i += 1
      }
    }
    // TODO: one sort call cannot poll Cancellation, so Ctrl-C waits for a
    // big sort to end (about a second per 1e7 values). Tolerated because
    // sorts that long are rare; a merge sort over blocks that checks
    // between blocks would fix it.
    var finite = UnsafeMutableBufferPointer(start: values, count: end)
    finite.sort()
  }

  @inline(__always)
  static func swapValues(
    _ values: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int
  ) {
    let kept = values[i]
    values[i] = values[j]
    values[j] = kept
  }

  /// Rearranges `count` NaN-free values so that `values[k]` holds the
  /// value a full sort would put there, nothing before it is greater and
  /// nothing after it is smaller (Hoare's quickselect with a median of
  /// three pivot; runs of 16 or fewer, or a recursion deeper than 64
  /// levels, are finished by a full sort, which bounds the worst case at
  /// O(n log n)).
  static func selectKth(
    _ values: UnsafeMutablePointer<Double>, _ count: Int, _ k: Int
  ) {
    var low = 0
    var high = count - 1
    var depth = 0
    while high > low {
      if high - low < 16 || depth > 64 {
        var run = UnsafeMutableBufferPointer(
          start: values + low, count: high - low + 1)
        run.sort()
        return
      }
      let a = values[low]
      let b = values[low + (high - low) / 2]
      let c = values[high]
      let pivot = Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
      // Hoare partition: afterwards [low, j] holds values <= pivot and
      // [i, high] values >= pivot; anything strictly between is equal to
      // the pivot. The pivot is in range, so the scans stop in bounds.
      var i = low
      var j = high
      while i <= j {
        while values[i] < pivot { i += 1 }
        while values[j] > pivot { j -= 1 }
        if i <= j {
          swapValues(values, i, j)
          i += 1
          j -= 1
        }
      }
      if k <= j {
        high = j
      } else if k >= i {
        low = i
      } else {
        return
      }
      depth += 1
    }
  }

  /// The q-quantile of `count` values by linear interpolation between
  /// the two order statistics around position `(count - 1) * q` (NumPy's
  /// default "linear" method). Rearranges `values`. NaN if any value is
  /// NaN or `count` is 0.
  static func quantileOfValues(
    _ values: UnsafeMutablePointer<Double>, _ count: Int, _ q: Double
  ) -> Double {
    guard count > 0 else { return .nan }
    for i in 0..<count where values[i].isNaN { return .nan }
    let position = Double(count - 1) * q
    let lowerIndex = Swift.min(count - 1, Int(position.rounded(.down)))
    let fraction = position - Double(lowerIndex)
    selectKth(values, count, lowerIndex)
    let lower = values[lowerIndex]
    guard fraction > 0, lowerIndex + 1 < count else { return lower }
    // After selection everything past lowerIndex is >= lower, so the
    // next order statistic is the least of them.
    var upper = values[lowerIndex + 1]
    for i in (lowerIndex + 2)..<Swift.max(lowerIndex + 2, count)
    where values[i] < upper {
      upper = values[i]
    }
    // Interpolate from the nearer end, so that the result is exactly
    // lower at fraction 0 and exactly upper at fraction 1 and never
    // leaves [lower, upper].
    let gap = upper - lower
    return fraction < 0.5
      ? lower + gap * fraction : upper - gap * (1 - fraction)
  }

  /// Applies `body` to a private copy of each column (`.rows`) or row
  /// (`.columns`), on all cores when large, giving one value per line.
  func reduceEachLineCopy(
    over axis: Axis, operation: String,
    _ body: @escaping (UnsafeMutablePointer<Double>, Int) -> Double
  ) throws(NightjarError) -> Matrix {
    let lines = axis == .rows ? columns : rows
    let length = axis == .rows ? rows : columns
    let result = try Matrix(uninitializedCount: lines, operation: operation)
    let source = base
    let out = result.base
    let width = columns
    try ParallelWork.forEachChunk(
      count: lines, chunkLength: ParallelWork.chunkLength(itemCost: length),
      itemCost: Swift.max(1, length)
    ) { _, range in
      let scratch = UnsafeMutablePointer<Double>.allocate(
        capacity: Swift.max(1, length))
      defer { scratch.deallocate() }
      for line in range {
        if axis == .rows {
          for i in 0..<length { scratch[i] = source[i * width + line] }
        } else {
          scratch.update(from: source + line * width, count: length)
        }
        out[line] = body(scratch, length)
      }
    }
    return result
  }

  // MARK: Median and quantiles

  /// The median of all elements (the mean of the two middle values when
  /// the count is even). NaN when empty or when any element is NaN, as
  /// NumPy's `median`. Selection, not a full sort: O(n) on average.
  public func median() throws(NightjarError) -> Double {
    try quantile(0.5, operation: "median")
  }

  /// The median of each column (`.rows`) or row (`.columns`).
  public func median(over axis: Axis) throws(NightjarError) -> Matrix {
    try quantile(0.5, over: axis, operation: "median")
  }

  /// The q-quantile of all elements, `q` in [0, 1], interpolating
  /// linearly between order statistics as NumPy's default method: with
  /// sorted values s and h = (n - 1) q, it is s[floor h] + (h - floor h)
  /// (s[floor h + 1] - s[floor h]). NaN when empty or when any element is
  /// NaN. Throws `quantile: q must be in [0, 1], got 1.5`.
  public func quantile(
    _ q: Double, operation: String = "quantile"
  ) throws(NightjarError) -> Double {
    try Matrix.checkQuantile(q, operation)
    let scratch = try copy()
    return Matrix.quantileOfValues(scratch.base, count, q)
  }

  /// The q-quantile of each column (`.rows`) or row (`.columns`).
  public func quantile(
    _ q: Double, over axis: Axis, operation: String = "quantile"
  ) throws(NightjarError) -> Matrix {
    try Matrix.checkQuantile(q, operation)
    try checkAxis(axis, operation)
    if isVector {
      return try Matrix.single(try quantile(q, operation: operation), operation)
    }
    return try reduceEachLineCopy(over: axis, operation: operation) {
      line, length in
      Matrix.quantileOfValues(line, length, q)
    }
  }

  static func checkQuantile(
    _ q: Double, _ operation: String
  ) throws(NightjarError) {
    guard q >= 0, q <= 1 else {
      throw .invalidArgument(
        operation: operation,
        message: "q must be in [0, 1], got \(formatScalar(q))")
    }
  }

  // MARK: Sorting

  /// The elements sorted ascending, NaN last: all elements as a vector
  /// when `axis` is nil, each column sorted (`.rows`) or each row sorted
  /// (`.columns`) keeping the shape.
  public func sorted(over axis: Axis? = nil) throws(NightjarError) -> Matrix {
    if let axis { try checkAxis(axis, "sort") }
    if axis == nil || isVector {
      let result = try Matrix(uninitializedCount: count, operation: "sort")
      try Matrix.copyElements(from: base, to: result.base, count: count)
      try Cancellation.check()
      Matrix.sortValues(result.base, count)
      return result
    }
    let result = try Matrix(uninitializedLike: self, operation: "sort")
    try eachLine(of: result, over: axis ?? .rows) { line, length in
      Matrix.sortValues(line, length)
    }
    return result
  }

  /// The 0-based offsets that sort the elements ascending, NaN last, ties
  /// in their original order (a stable sort): over all elements as a
  /// vector when `axis` is nil, else per column (`.rows`, row offsets) or
  /// per row (`.columns`, column offsets) keeping the shape.
  public func argsort(over axis: Axis? = nil) throws(NightjarError) -> Matrix {
    if let axis { try checkAxis(axis, "argsort") }
    if axis == nil || isVector {
      let result = try Matrix(uninitializedCount: count, operation: "argsort")
      try Matrix.copyElements(from: base, to: result.base, count: count)
      try Cancellation.check()
      Matrix.argsortValues(result.base, count)
      return result
    }
    let result = try Matrix(uninitializedLike: self, operation: "argsort")
    try eachLine(of: result, over: axis ?? .rows) { line, length in
      Matrix.argsortValues(line, length)
    }
    return result
  }

  /// Replaces `count` values by the 0-based offsets that sort them
  /// stably, NaN last: offsets are sorted by (value, offset), a strict
  /// total order, so any sorting algorithm gives the stable result.
  static func argsortValues(
    _ values: UnsafeMutablePointer<Double>, _ count: Int
  ) {
    let keys = UnsafeMutablePointer<Double>.allocate(
      capacity: Swift.max(1, count))
    defer { keys.deallocate() }
    keys.update(from: values, count: count)
    var order = Array(0..<count)
    order.sort { i, j in
      let a = keys[i]
      let b = keys[j]
      if a < b { return true }
      if b < a { return false }
      if a.isNaN != b.isNaN { return b.isNaN }
      return i < j
    }
    for i in 0..<count { values[i] = Double(order[i]) }
  }

  /// Copies this matrix into `result` (same shape) and calls `body` on
  /// each column (`.rows`) or row (`.columns`) of the copy, in place.
  private func eachLine(
    of result: Matrix, over axis: Axis,
    _ body: @escaping (UnsafeMutablePointer<Double>, Int) -> Void
  ) throws(NightjarError) {
    let width = columns
    let height = rows
    if count == 0 { return }
    if axis == .columns {
      try Matrix.copyElements(from: base, to: result.base, count: count)
      let out = result.base
      try ParallelWork.forEachChunk(
        count: height, chunkLength: ParallelWork.chunkLength(itemCost: width),
        itemCost: Swift.max(1, width)
      ) { _, range in
        for i in range { body(out + i * width, width) }
      }
      return
    }
    let source = base
    let out = result.base
    // A column is gathered into scratch, processed, and scattered back.
    try ParallelWork.forEachChunk(
      count: width, chunkLength: ParallelWork.chunkLength(itemCost: height),
      itemCost: Swift.max(1, height)
    ) { _, range in
      let scratch = UnsafeMutablePointer<Double>.allocate(
        capacity: Swift.max(1, height))
      defer { scratch.deallocate() }
      for j in range {
        for i in 0..<height { scratch[i] = source[i * width + j] }
        body(scratch, height)
        for i in 0..<height { out[i * width + j] = scratch[i] }
      }
    }
  }

  /// The distinct values in ascending order with how often each occurs,
  /// over all elements. NaNs are counted together as one value, placed
  /// last (NumPy 2's default). Both results are vectors of equal length.
  public func unique() throws(NightjarError) -> (values: Matrix, counts: Matrix)
  {
    let sortedValues = try sorted()
    let values = sortedValues.base
    var distinct = [Double]()
    var counts = [Double]()
    var i = 0
    while i < count {
      let value = values[i]
      var j = i + 1
      if value.isNaN {
        j = count
      } else {
        while j < count && values[j] == value { j += 1 }
      }
      distinct.append(value)
      counts.append(Double(j - i))
      i = j
    }
    return (try Matrix(vector: distinct), try Matrix(vector: counts))
  }
}
