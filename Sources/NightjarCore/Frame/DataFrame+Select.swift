// Picking rows and columns: head, tail, select, drop, rename, filter.

extension DataFrame {
  /// The first `count` rows (default 5); all rows when there are fewer.
  /// A negative count gives all rows but the last `-count`, as pandas.
  public func head(_ count: Int = 5) -> DataFrame {
    let end = count >= 0 ? min(count, rowCount) : max(0, rowCount + count)
    return rows(0..<end)
  }

  /// The last `count` rows (default 5); all rows when there are fewer.
  /// A negative count gives all rows but the first `-count`, as pandas.
  public func tail(_ count: Int = 5) -> DataFrame {
    // -count would overflow for Int.min, so compare before negating.
    let start = count >= 0
      ? max(0, rowCount - count) : (count < -rowCount ? rowCount : -count)
    return rows(start..<rowCount)
  }

  /// The rows in `range` (0-based, clamped to the frame).
  public func rows(_ range: Range<Int>) -> DataFrame {
    let range = range.clamped(to: 0..<rowCount)
    return DataFrame(
      uncheckedNames: columnNames, columns: columns.map { $0.slice(range) },
      rowCount: range.count)
  }

  /// The rows at `rows` (0-based), in that order; repeats allowed.
  /// Every index must be in 0..<rowCount (checked: a precondition).
  public func take(_ rows: [Int]) -> DataFrame {
    precondition(rows.allSatisfy { $0 >= 0 && $0 < rowCount },
                 "take: row index out of range")
    return DataFrame(
      uncheckedNames: columnNames, columns: columns.map { $0.gather(rows) },
      rowCount: rows.count)
  }

  /// The columns called `names`, in that order. Throws `select: no column
  /// named 'x'` for a name the frame lacks and `select: column 'x' is
  /// selected twice` for a repeat. No names give a frame without columns
  /// that keeps the row count, as pandas.
  public func select(_ names: [String]) throws(NightjarError) -> DataFrame {
    var positions: [Int] = []
    for name in names {
      let position = try position(of: name, operation: "select")
      guard !positions.contains(position) else {
        throw .invalidArgument(
          operation: "select", message: "column '\(name)' is selected twice")
      }
      positions.append(position)
    }
    return DataFrame(
      uncheckedNames: positions.map { columnNames[$0] },
      columns: positions.map { columns[$0] },
      rowCount: rowCount)
  }

  /// The frame without the columns called `names` (one or many; repeats
  /// are harmless). Throws `drop: no column named 'x'` for a name the
  /// frame lacks, before dropping anything.
  public func drop(_ names: [String]) throws(NightjarError) -> DataFrame {
    var dropped = Set<Int>()
    for name in names {
      dropped.insert(try position(of: name, operation: "drop"))
    }
    let kept = columns.indices.filter { !dropped.contains($0) }
    return DataFrame(
      uncheckedNames: kept.map { columnNames[$0] },
      columns: kept.map { columns[$0] },
      rowCount: rowCount)
  }

  /// The frame with columns renamed by `mapping` (old name -> new name).
  /// Throws `rename: no column named 'x'` for an old name the frame lacks
  /// and `rename: duplicate column name 'y'` when two columns would end
  /// up with one name.
  public func rename(_ mapping: [String: String]) throws(NightjarError)
    -> DataFrame
  {
    // Sorted so that the first error reported does not depend on hashing.
    for old in mapping.keys.sorted() {
      _ = try position(of: old, operation: "rename")
    }
    let names = columnNames.map { mapping[$0] ?? $0 }
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      throw .invalidArgument(
        operation: "rename", message: "duplicate column name '\(name)'")
    }
    return DataFrame(
      uncheckedNames: names, columns: columns, rowCount: rowCount)
  }

  /// The rows where `mask` is true, in order. Throws `shapeMismatch`
  /// (`filter: mask has 3 values but the frame has 4 rows`) when the
  /// lengths differ.
  public func filter(_ mask: [Bool]) throws(NightjarError) -> DataFrame {
    guard mask.count == rowCount else {
      throw .shapeMismatch(
        operation: "filter",
        message: "mask has \(mask.count) values but the frame has "
          + "\(rowCount) rows")
    }
    return take(mask.indices.filter { mask[$0] })
  }
}
