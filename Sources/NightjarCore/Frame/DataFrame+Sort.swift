// Sorting rows by the values of one or more columns.

extension DataFrame {
  /// The rows sorted by the columns `by` (the first decides, the next
  /// break ties, ...), each ascending or descending.
  ///
  /// - Parameters:
  ///   - by: one or more column names.
  ///   - ascending: one flag for all keys, or one per key (default true).
  /// - Numbers compare numerically, booleans false before true, text by
  ///   Unicode code points (as Python compares strings). Missing values
  ///   go last whatever the direction, as pandas' default. The sort is
  ///   stable: rows with equal keys keep their order.
  /// - Throws: `sort_values: no column named 'x'`; `sort_values: 2 keys
  ///   but 3 ascending flags`; `sort_values: no key given` for an empty
  ///   `by`.
  /// - Complexity: O(n log n) comparisons over n rows.
  public func sortValues(by keys: [String], ascending: [Bool] = [true])
    throws(NightjarError) -> DataFrame
  {
    guard !keys.isEmpty else {
      throw .invalidArgument(operation: "sort_values", message: "no key given")
    }
    guard ascending.count == 1 || ascending.count == keys.count else {
      throw .invalidArgument(
        operation: "sort_values",
        message: "\(keys.count) keys but \(ascending.count) ascending flags")
    }
    var sortKeys: [[Double]] = []
    for key in keys {
      sortKeys.append(
        columns[try position(of: key, operation: "sort_values")].sortKey())
    }
    let directions = ascending.count == 1
      ? Array(repeating: ascending[0], count: keys.count) : ascending

    return take(DataFrame.sortedRows(rowCount, keys: sortKeys,
                                     ascending: directions))
  }

  /// The permutation that sorts rows by `keys` (NaN is missing, last);
  /// ties broken by row number, so the order is total and stable.
  static func sortedRows(_ count: Int, keys: [[Double]], ascending: [Bool])
    -> [Int]
  {
    var order = Array(0..<count)
    order.sort { left, right in
      for (key, up) in zip(keys, ascending) {
        let a = key[left]
        let b = key[right]
        // Missing values sort after everything, in either direction.
        if a.isNaN || b.isNaN {
          if a.isNaN && b.isNaN { continue }
          return b.isNaN
        }
        if a != b { return up ? a < b : a > b }
      }
      return left < right
    }
    return order
  }
}

extension Column {
  /// Values whose numeric order is the column's order: numbers as they
  /// are, booleans as 0/1, text as the rank of its level among the sorted
  /// levels; NaN for missing.
  func sortKey() -> [Double] {
    switch self {
    case .number(let values), .boolean(let values):
      return values
    case .text(let codes, let levels):
      let rank = Column.levelRanks(levels)
      return codes.map { $0 < 0 ? .nan : Double(rank[Int($0)]) }
    }
  }

  /// The rank of each level when levels are sorted by code points.
  static func levelRanks(_ levels: [String]) -> [Int] {
    let sorted = levels.indices.sorted {
      levels[$0].utf8.lexicographicallyPrecedes(levels[$1].utf8)
    }
    var rank = [Int](repeating: 0, count: levels.count)
    for (position, level) in sorted.enumerated() { rank[level] = position }
    return rank
  }
}
