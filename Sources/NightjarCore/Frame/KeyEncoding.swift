// Dense integer ids for the rows of key columns (groupBy and merge).

/// Turns the values of one or more key columns into one integer per row,
/// equal for rows with equal keys, so that grouping and joining hash
/// integers rather than tuples of strings and numbers.
enum KeyEncoding {
  /// One id per row, numbered 0, 1, ... in order of first appearance; -1
  /// for a row with a missing key value. Also the number of ids.
  static func ids(_ keys: [Column], rowCount: Int) -> (ids: [Int], count: Int)
  {
    var ids = [Int](repeating: 0, count: rowCount)
    var count = 1
    for key in keys {
      let (columnIDs, columnCount) = denseIDs(key)
      // Mixed radix keeps (previous id, this id) pairs distinct; the
      // product stays below rowCount^2, far from overflow, and the ids
      // are made dense again at once.
      var slots: [Int: Int] = [:]
      var next = 0
      for row in 0..<rowCount {
        guard ids[row] >= 0, columnIDs[row] >= 0 else {
          ids[row] = -1
          continue
        }
        let pair = ids[row] * columnCount + columnIDs[row]
        if let slot = slots[pair] {
          ids[row] = slot
        } else {
          slots[pair] = next
          ids[row] = next
          next += 1
        }
      }
      count = next
    }
    return (ids, keys.isEmpty ? (rowCount > 0 ? 1 : 0) : count)
  }

  /// Dense ids of one column in order of first appearance, -1 missing.
  static func denseIDs(_ column: Column) -> (ids: [Int], count: Int) {
    switch column {
    case .text(let codes, let levels):
      // Text codes are dense and in first-appearance order already.
      return (codes.map { Int($0) }, levels.count)
    case .number(let values), .boolean(let values):
      var slots: [Double: Int] = [:]
      let ids = values.map { value -> Int in
        if value.isNaN { return -1 }
        if let slot = slots[value] { return slot }
        slots[value] = slots.count
        return slots.count - 1
      }
      return (ids, slots.count)
    }
  }
}
