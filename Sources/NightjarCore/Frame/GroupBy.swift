// Grouping rows by key columns and aggregating each group.

/// A statistic computed per group by `GroupBy.aggregate`.
public enum Aggregation: String, Sendable, CaseIterable {
  /// Values that are not missing (any column type).
  case count
  /// Rows in the group, missing values included (any column type).
  case size
  /// Sum of the values; 0 for a group with none.
  case sum
  /// Mean of the values; NaN for a group with none.
  case mean
  /// Median (50% quantile, linear interpolation); NaN for none.
  case median
  /// Smallest value; NaN for none.
  case min
  /// Largest value; NaN for none.
  case max
  /// Sample standard deviation (divided by n - 1); NaN for n < 2.
  case std
  /// Sample variance (divided by n - 1); NaN for n < 2.
  case `var`
}

/// The rows of a frame split into groups of equal keys, waiting for an
/// aggregation (`frame.groupBy(["city"]).aggregate(...)`).
public struct GroupBy: Sendable {
  /// The grouped frame.
  public let frame: DataFrame
  /// The key column names.
  public let keys: [String]
  /// The rows of each group in row order, groups in output order.
  let members: [[Int]]
  /// A row of each group, the first one, in output order.
  let representatives: [Int]

  init(frame: DataFrame, keys: [String], keyColumns: [Column]) {
    self.frame = frame
    self.keys = keys
    let (ids, count) = KeyEncoding.ids(keyColumns, rowCount: frame.rowCount)
    var first = [Int](repeating: -1, count: count)
    for row in ids.indices where ids[row] >= 0 && first[ids[row]] < 0 {
      first[ids[row]] = row
    }
    // Output groups sorted by their key values, as pandas' sort=True.
    let order = DataFrame.sortedRows(
      count,
      keys: keyColumns.map { key in
        let sortKey = key.sortKey()
        return first.map { sortKey[$0] }
      },
      ascending: Array(repeating: true, count: keyColumns.count))
    var rank = [Int](repeating: 0, count: count)
    for (position, group) in order.enumerated() { rank[group] = position }
    var members = [[Int]](repeating: [], count: count)
    for (row, id) in ids.enumerated() where id >= 0 {
      members[rank[id]].append(row)
    }
    self.members = members
    representatives = order.map { first[$0] }
  }

  /// The number of groups.
  public var groupCount: Int { representatives.count }

  /// One row per group, sorted by the keys (ascending, missing keys
  /// dropped, as pandas' defaults): the key columns, then one column per
  /// (column, aggregation) pair named `column_aggregation` (`age_mean`),
  /// in the order given.
  ///
  /// `count` and `size` accept any column; the others need number or
  /// boolean columns (booleans count as 0/1). Results are number
  /// columns. Throws `groupby: no column named 'x'`, `groupby: cannot
  /// take the mean of text column 'city'` and `groupby: duplicate column
  /// name 'x'` when two results (or a result and a key) share a name.
  public func aggregate(_ specification: [(String, [Aggregation])])
    throws(NightjarError) -> DataFrame
  {
    var names = keys
    var results: [Column] = []
    for key in keys {
      results.append(frame.columns[try frame.position(
        of: key, operation: "groupby")].gather(representatives))
    }
    for (name, aggregations) in specification {
      let column = frame.columns[try frame.position(
        of: name, operation: "groupby")]
      for aggregation in aggregations {
        let resultName = "\(name)_\(aggregation.rawValue)"
        guard !names.contains(resultName) else {
          throw .invalidArgument(
            operation: "groupby",
            message: "duplicate column name '\(resultName)'")
        }
        names.append(resultName)
        results.append(.number(try compute(aggregation, of: column,
                                           named: name)))
      }
    }

    return DataFrame(uncheckedNames: names, columns: results,
                     rowCount: groupCount)
  }

  /// `aggregation` of `column` for every group, in output order.
  func compute(_ aggregation: Aggregation, of column: Column, named: String)
    throws(NightjarError) -> [Double]
  {
    let statistic: ([Double]) -> Double
    switch aggregation {
    case .size:
      return members.map { Double($0.count) }
    case .count:
      return members.map { rows in
        Double(rows.reduce(0) { $0 + (column.isMissing($1) ? 0 : 1) })
      }
    case .sum: statistic = { Statistics.moments($0).sum }
    case .mean: statistic = { Statistics.moments($0).mean }
    case .median: statistic = { Statistics.quantiles($0, [0.5])[0] }
    case .min: statistic = { Statistics.extremes($0).min }
    case .max: statistic = { Statistics.extremes($0).max }
    case .std: statistic = { Statistics.variance($0).squareRoot() }
    case .var: statistic = { Statistics.variance($0) }
    }
    guard let values = column.numbers else {
      throw .invalidArgument(
        operation: "groupby",
        message: "cannot take the \(aggregation.rawValue) of text column "
          + "'\(named)'")
    }
    return members.map { rows in statistic(rows.map { values[$0] }) }
  }
}

extension DataFrame {
  /// The rows grouped by the columns `keys` (one or more), ready for
  /// `aggregate`. Rows with a missing key belong to no group. Throws
  /// `groupby: no column named 'x'` and `groupby: no key given`.
  public func groupBy(_ keys: [String]) throws(NightjarError) -> GroupBy {
    guard !keys.isEmpty else {
      throw .invalidArgument(operation: "groupby", message: "no key given")
    }
    var keyColumns: [Column] = []
    for key in keys {
      keyColumns.append(columns[try position(of: key, operation: "groupby")])
    }
    return GroupBy(frame: self, keys: keys, keyColumns: keyColumns)
  }
}
