// Counting the distinct values of a column: value_counts.

extension DataFrame {
  /// How often each distinct value of column `name` occurs.
  ///
  /// Returns a frame of two columns: the values (named `name`, of the
  /// column's type) and `count` (`count_` when `name` is "count"), sorted
  /// by count, largest first; equal counts keep the order in which the
  /// values first appear, as pandas does. Missing values are not counted.
  /// Throws `value_counts: no column named 'x'`.
  public func valueCounts(_ name: String) throws(NightjarError)
    -> DataFrame
  {
    let column = columns[try position(of: name, operation: "value_counts")]
    let (values, counts) = column.distinctCounts()
    let order = counts.indices.sorted {
      counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1
    }

    return DataFrame(
      uncheckedNames: [name, name == "count" ? "count_" : "count"],
      columns: [values.gather(order), .number(order.map { counts[$0] })],
      rowCount: order.count)
  }
}

extension Column {
  /// The distinct values that are not missing, in order of first
  /// appearance, and how many times each occurs.
  func distinctCounts() -> (values: Column, counts: [Double]) {
    switch self {
    case .text(let codes, let levels):
      // Levels are already the distinct values in first-appearance order.
      var counts = [Double](repeating: 0, count: levels.count)
      for code in codes where code >= 0 { counts[Int(code)] += 1 }
      return (.text(codes: levels.indices.map { Int32($0) }, levels: levels),
              counts)
    case .number(let values), .boolean(let values):
      var slots: [Double: Int] = [:]
      var distinct: [Double] = []
      var counts: [Double] = []
      // Swift hashes 0.0 and -0.0 alike, as they compare equal.
      for value in values where !value.isNaN {
        if let slot = slots[value] {
          counts[slot] += 1
        } else {
          slots[value] = distinct.count
          distinct.append(value)
          counts.append(1)
        }
      }
      let column: Column = type == .number
        ? .number(distinct) : .boolean(distinct)
      return (column, counts)
    }
  }
}
