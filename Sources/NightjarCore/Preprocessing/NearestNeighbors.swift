// The k nearest other rows of each row of a point set, for SMOTE.

/// Exact k-nearest-neighbour search within one set of points (rows of a
/// row-major m x d buffer), each point's own row excluded, by Euclidean
/// distance; ties go to the lower row, so the answer is fully
/// determined by the data.
enum NearestNeighbors {
  /// Below this many multiply-adds (m * m * d) the distances are summed
  /// directly; above it BLAS forms the inner products.
  static let directLimit = 1 << 22

  /// The k nearest rows (0-based) of each row, nearest first: m x k,
  /// row-major. Requires 1 <= k < m.
  ///
  /// Small sets sum squared differences directly. Large ones use
  /// |a - b|^2 = |a|^2 + |b|^2 - 2 a.b with the inner products from
  /// `cblas_dgemm`, one block of query rows at a time; since that
  /// formula can misorder near-ties by rounding, the 2k + 8 best by it
  /// are re-ranked by directly summed distances. Blocks are fixed by
  /// the sizes, so the result does not depend on the thread count.
  static func search(
    _ points: UnsafePointer<Double>, rows m: Int, columns d: Int, k: Int
  ) throws(NightjarError) -> [Int] {
    var neighbors = [Int](repeating: 0, count: m * k)
    let (work, overflow) = m.multipliedReportingOverflow(by: m * d)
    try neighbors.withUnsafeMutableBufferPointer {
      (out) throws(NightjarError) in
      guard let out = out.baseAddress else { return }
      if !overflow && work <= directLimit {
        try direct(points, m, d, k, out)
      } else {
        try blocked(points, m, d, k, out)
      }
    }
    return neighbors
  }

  /// The squared distance of rows i and j, summed in column order.
  @inline(__always)
  static func distance(
    _ points: UnsafePointer<Double>, _ d: Int, _ i: Int, _ j: Int
  ) -> Double {
    let a = points + i * d
    let b = points + j * d
    var sum = 0.0
    for c in 0..<d {
      let difference = a[c] - b[c]
      sum += difference * difference
    }
    return sum
  }

  /// The best `capacity` (distance, row) pairs seen, kept sorted.
  struct Best {
    var distances: [Double]
    var rows: [Int]
    let capacity: Int

    init(capacity: Int) {
      self.capacity = capacity
      distances = []
      rows = []
      distances.reserveCapacity(capacity + 1)
      rows.reserveCapacity(capacity + 1)
    }

    /// The largest distance kept once full, infinity before: anything
    /// above it cannot enter.
    var worst: Double {
      distances.count == capacity ? distances[capacity - 1] : .infinity
    }

    /// Inserts (distance, row) in order: by distance, then by row.
    @inline(__always)
    mutating func offer(_ distance: Double, _ row: Int) {
      if distances.count == capacity {
        let last = capacity - 1
        guard distance < distances[last]
          || (distance == distances[last] && row < rows[last])
        else { return }
        distances.removeLast()
        rows.removeLast()
      }
      var place = distances.count
      while place > 0 && (distances[place - 1] > distance
        || (distances[place - 1] == distance && rows[place - 1] > row))
      {
        place -= 1
      }
      distances.insert(distance, at: place)
      rows.insert(row, at: place)
    }
  }

  private static func direct(
    _ points: UnsafePointer<Double>, _ m: Int, _ d: Int, _ k: Int,
    _ out: UnsafeMutablePointer<Int>
  ) throws(NightjarError) {
    let cost = Swift.max(1, m * d)
    try ParallelWork.forEachChunk(
      count: m, chunkLength: ParallelWork.chunkLength(itemCost: cost),
      itemCost: cost
    ) { _, range in
      for i in range {
        var best = Best(capacity: k)
        var worst = Double.infinity
        for j in 0..<m where j != i {
          let value = distance(points, d, i, j)
          if value <= worst {
            best.offer(value, j)
            worst = best.worst
          }
        }
        for (place, row) in best.rows.enumerated() {
          out[i * k + place] = row
        }
      }
    }
  }

  private static func blocked(
    _ points: UnsafePointer<Double>, _ m: Int, _ d: Int, _ k: Int,
    _ out: UnsafeMutablePointer<Int>
  ) throws(NightjarError) {
    // Squared norms, and the points transposed (d x m) so that one
    // dgemm of a block of rows (b x d) gives its inner products (b x m).
    let norms = UnsafeMutablePointer<Double>.allocate(capacity: m)
    defer { norms.deallocate() }
    norms.initialize(repeating: 0, count: m)
    for j in 0..<m {
      let row = points + j * d
      for c in 0..<d { norms[j] += row[c] * row[c] }
    }
    let transposed = UnsafeMutablePointer<Double>.allocate(capacity: m * d)
    defer { transposed.deallocate() }
    for j in 0..<m {
      for c in 0..<d { transposed[c * m + j] = points[j * d + c] }
    }
    let blockRows = Swift.max(1, Swift.min(256, (1 << 22) / m))
    let products = UnsafeMutablePointer<Double>.allocate(
      capacity: blockRows * m)
    defer { products.deallocate() }
    let candidates = Swift.min(m - 1, 2 * k + 8)
    var start = 0
    while start < m {
      try Cancellation.check()
      let count = Swift.min(blockRows, m - start)
      let first = start
      try BLAS.gemm(
        points + first * d, transposed, products, m: count, n: m, k: d,
        operation: "SMOTE")
      // Candidates by the expanded formula, then the k best of them by
      // directly summed distances.
      try ParallelWork.forEachChunk(
        count: count, chunkLength: ParallelWork.chunkLength(itemCost: m),
        itemCost: m
      ) { _, range in
        for r in range {
          let i = first + r
          let inner = products + r * m
          // |x_i|^2 is the same for every j: left out of the ranking.
          var rough = Best(capacity: candidates)
          var worst = Double.infinity
          for j in 0..<m where j != i {
            let value = norms[j] - 2 * inner[j]
            if value <= worst {
              rough.offer(value, j)
              worst = rough.worst
            }
          }
          var best = Best(capacity: k)
          for j in rough.rows { best.offer(distance(points, d, i, j), j) }
          for (place, row) in best.rows.enumerated() {
            out[i * k + place] = row
          }
        }
      }
      start += count
    }
  }
}
