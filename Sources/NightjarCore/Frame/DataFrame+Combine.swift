// Combining frames: concat (rows after rows) and merge (a join on keys).

/// Which rows `merge` keeps.
public enum MergeKind: String, Sendable {
  /// Rows whose key occurs on both sides.
  case inner
  /// Every left row; right columns missing where no right row matches.
  case left
}

extension DataFrame {
  /// The rows of `frames`, one frame after the other.
  ///
  /// Every frame must have the same column names (in any order; the
  /// result has the first frame's order) and types. A number column
  /// whose values are all missing fits any type (pandas reads an empty
  /// column as float). Text levels are joined in order of first
  /// appearance. Throws `concat: frame 2 has no column 'x'`, `concat:
  /// frame 2 has a column 'y' that frame 1 lacks` and `concat: column
  /// 'x' is number in frame 1 but text in frame 2`. No frames give the
  /// empty frame.
  public static func concat(_ frames: [DataFrame]) throws(NightjarError)
    -> DataFrame
  {
    guard var result = frames.first else { return DataFrame() }
    for (offset, frame) in frames.enumerated().dropFirst() {
      let number = offset + 1
      for name in frame.columnNames where result.index(of: name) == nil {
        throw .invalidArgument(
          operation: "concat",
          message: "frame \(number) has a column '\(name)' that frame 1 lacks")
      }
      var joined: [Column] = []
      for (name, column) in zip(result.columnNames, result.columns) {
        guard let other = frame[name] else {
          throw .invalidArgument(
            operation: "concat",
            message: "frame \(number) has no column '\(name)'")
        }
        guard let both = column.appending(other) else {
          throw .invalidArgument(
            operation: "concat",
            message: "column '\(name)' is \(column.type.name) in frame 1 "
              + "but \(other.type.name) in frame \(number)")
        }
        joined.append(both)
      }
      result = DataFrame(
        uncheckedNames: result.columnNames, columns: joined,
        rowCount: result.rowCount + frame.rowCount)
    }
    return result
  }

  /// A join of this frame (left) and `right` on equal values of the key
  /// columns `on`, as pandas' `merge`.
  ///
  /// - Rows: for each left row in order, its matching right rows in
  ///   their order (every pair for many-to-many keys); `.left` keeps a
  ///   left row without a match once, with missing right values.
  ///   Missing key values never match (unlike pandas, which matches NaN
  ///   with NaN), as in SQL.
  /// - Columns: the left columns in order (keys included, with the left
  ///   values), then the right columns that are not keys. A name on both
  ///   sides that is not a key gets `suffixes.left` on the left and
  ///   `suffixes.right` on the right (default "_x", "_y").
  /// - Keys must have the same type on both sides (number and boolean
  ///   do not mix; text matches by string).
  /// - Throws: `merge: no key given`, `merge: no column named 'k' in the
  ///   left frame` (or right), `merge: key 'k' is number on the left but
  ///   text on the right`, `merge: duplicate column name 'a_x'` when a
  ///   suffixed name is taken.
  public func merge(
    _ right: DataFrame, on keys: [String], how: MergeKind = .inner,
    suffixes: (left: String, right: String) = ("_x", "_y")
  ) throws(NightjarError) -> DataFrame {
    guard !keys.isEmpty else {
      throw .invalidArgument(operation: "merge", message: "no key given")
    }
    var joinedKeys: [Column] = []
    for key in keys {
      guard let leftKey = self[key] else {
        throw .invalidArgument(
          operation: "merge",
          message: "no column named '\(key)' in the left frame")
      }
      guard let rightKey = right[key] else {
        throw .invalidArgument(
          operation: "merge",
          message: "no column named '\(key)' in the right frame")
      }
      guard leftKey.type == rightKey.type,
        let both = leftKey.appending(rightKey)
      else {
        throw .invalidArgument(
          operation: "merge",
          message: "key '\(key)' is \(leftKey.type.name) on the left but "
            + "\(rightKey.type.name) on the right")
      }
      joinedKeys.append(both)
    }
    let names = try mergedNames(right, keys: keys, suffixes: suffixes)

    let (leftRows, rightRows) = DataFrame.matchRows(
      joinedKeys, leftCount: rowCount, rightCount: right.rowCount, how: how)
    let rightKept = right.columnNames.indices.filter {
      !keys.contains(right.columnNames[$0])
    }
    let joined = columns.map { $0.gather(leftRows) }
      + rightKept.map { right.columns[$0].gather(rightRows) }
    return DataFrame(uncheckedNames: names, columns: joined,
                     rowCount: leftRows.count)
  }

  /// The result's column names: left names, then right non-key names,
  /// with suffixes where a non-key name is on both sides.
  func mergedNames(
    _ right: DataFrame, keys: [String],
    suffixes: (left: String, right: String)
  ) throws(NightjarError) -> [String] {
    let clashing = Set(columnNames).intersection(right.columnNames)
      .subtracting(keys)
    let names = columnNames.map {
      clashing.contains($0) ? $0 + suffixes.left : $0
    } + right.columnNames.filter { !keys.contains($0) }.map {
      clashing.contains($0) ? $0 + suffixes.right : $0
    }
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      throw .invalidArgument(
        operation: "merge", message: "duplicate column name '\(name)'")
    }
    return names
  }

  /// Pairs of (left row, right row) in output order; right row -1 for an
  /// unmatched left row of a left join. `keys` hold the left rows first,
  /// then the right rows.
  static func matchRows(
    _ keys: [Column], leftCount: Int, rightCount: Int, how: MergeKind
  ) -> (left: [Int], right: [Int]) {
    let (ids, count) = KeyEncoding.ids(keys, rowCount: leftCount + rightCount)
    var rightByKey = [[Int]](repeating: [], count: count)
    for row in 0..<rightCount where ids[leftCount + row] >= 0 {
      rightByKey[ids[leftCount + row]].append(row)
    }
    var leftRows: [Int] = []
    var rightRows: [Int] = []
    for row in 0..<leftCount {
      let matches = ids[row] >= 0 ? rightByKey[ids[row]] : []
      if matches.isEmpty {
        if how == .left {
          leftRows.append(row)
          rightRows.append(-1)
        }
        continue
      }
      leftRows.append(contentsOf: repeatElement(row, count: matches.count))
      rightRows.append(contentsOf: matches)
    }
    return (leftRows, rightRows)
  }
}

extension Column {
  /// This column's values followed by `other`'s, or nil when the types do
  /// not fit together. A number column with every value missing takes
  /// the other's type.
  func appending(_ other: Column) -> Column? {
    switch (self, other) {
    case (.number(let a), .number(let b)): return .number(a + b)
    case (.boolean(let a), .boolean(let b)): return .boolean(a + b)
    case (.text(let a, let levelsA), .text(let b, let levelsB)):
      var levels = levelsA
      var slots: [String: Int32] = [:]
      for (position, level) in levels.enumerated() {
        slots[level] = Int32(position)
      }
      // Right levels map onto left ones, new ones appended in order.
      let remap = levelsB.map { level -> Int32 in
        if let slot = slots[level] { return slot }
        levels.append(level)
        slots[level] = Int32(levels.count - 1)
        return Int32(levels.count - 1)
      }
      return Column.normalized(
        codes: a + b.map { $0 < 0 ? -1 : remap[Int($0)] }, levels: levels)
    default:
      if case .number = self, nonMissingCount == 0 {
        return Column.missing(other.type, count: count).appending(other)
      }
      if case .number = other, other.nonMissingCount == 0 {
        return appending(Column.missing(type, count: other.count))
      }
      return nil
    }
  }

  /// A column of `count` missing values of type `type`.
  static func missing(_ type: ColumnType, count: Int) -> Column {
    switch type {
    case .number: return .number(Array(repeating: .nan, count: count))
    case .boolean: return .boolean(Array(repeating: .nan, count: count))
    case .text:
      return .text(codes: Array(repeating: -1, count: count), levels: [])
    }
  }
}
