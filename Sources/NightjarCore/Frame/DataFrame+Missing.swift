// Missing values: finding them (isNA), dropping rows (dropNA), filling.

/// Which rows `dropNA` removes.
public enum MissingRule: String, Sendable {
  /// A row with a missing value in any considered column.
  case any
  /// A row whose considered columns are all missing.
  case all
}

/// A value that replaces missing ones in `fillNA`.
public enum FillValue: Sendable, Equatable {
  /// Fills number columns.
  case number(Double)
  /// Fills boolean columns.
  case boolean(Bool)
  /// Fills text columns (added as a level when new).
  case text(String)

  /// The type of column the value fits.
  public var type: ColumnType {
    switch self {
    case .number: return .number
    case .boolean: return .boolean
    case .text: return .text
    }
  }
}

extension DataFrame {
  /// A frame of boolean columns (same names, same shape): true where the
  /// value is missing.
  public func isNA() -> DataFrame {
    let masks = columns.map { column -> Column in
      .boolean((0..<rowCount).map { column.isMissing($0) ? 1 : 0 })
    }
    return DataFrame(
      uncheckedNames: columnNames, columns: masks, rowCount: rowCount)
  }

  /// The rows without missing values in the columns `subset` (default:
  /// all columns): `.any` drops a row with one missing value, `.all` only
  /// a row whose considered values are all missing. Throws `dropna: no
  /// column named 'x'`.
  public func dropNA(how rule: MissingRule = .any, subset: [String]? = nil)
    throws(NightjarError) -> DataFrame
  {
    var considered: [Column] = []
    for name in subset ?? columnNames {
      considered.append(columns[try position(of: name, operation: "dropna")])
    }
    if considered.isEmpty { return self }

    let kept = (0..<rowCount).filter { row in
      switch rule {
      case .any: return !considered.contains { $0.isMissing(row) }
      case .all: return !considered.allSatisfy { $0.isMissing(row) }
      }
    }
    return kept.count == rowCount ? self : take(kept)
  }

  /// Missing values replaced by `value` in every column of its type (a
  /// number fills number columns, a string text columns, a boolean
  /// boolean columns); other columns are left as they are.
  public func fillNA(_ value: FillValue) -> DataFrame {
    var filled = columns
    for position in filled.indices where filled[position].type == value.type {
      filled[position] = filled[position].filling(value)
    }
    return DataFrame(
      uncheckedNames: columnNames, columns: filled, rowCount: rowCount)
  }

  /// Missing values replaced column by column (name -> value). Throws
  /// `fillna: no column named 'x'` and `fillna: column 'x' holds number
  /// values, not text` when the value does not fit the column.
  public func fillNA(_ values: [String: FillValue]) throws(NightjarError)
    -> DataFrame
  {
    var filled = columns
    // Sorted so that the first error reported does not depend on hashing.
    for name in values.keys.sorted() {
      guard let value = values[name] else { continue }
      let position = try position(of: name, operation: "fillna")
      let column = filled[position]
      guard column.type == value.type else {
        throw .invalidArgument(
          operation: "fillna",
          message: "column '\(name)' holds \(column.type.name) values, "
            + "not \(value.type.name)")
      }
      filled[position] = column.filling(value)
    }
    return DataFrame(
      uncheckedNames: columnNames, columns: filled, rowCount: rowCount)
  }
}

extension Column {
  /// The column with missing values replaced by `value` (of its type).
  func filling(_ value: FillValue) -> Column {
    switch (self, value) {
    case (.number(let values), .number(let fill)):
      return .number(values.map { $0.isNaN ? fill : $0 })
    case (.boolean(let values), .boolean(let fill)):
      return .boolean(values.map { $0.isNaN ? (fill ? 1 : 0) : $0 })
    case (.text(let codes, var levels), .text(let fill)):
      var code = levels.firstIndex(of: fill).map { Int32($0) }
      if code == nil {
        code = Int32(levels.count)
        levels.append(fill)
      }
      let fillCode = code ?? -1
      return Column.normalized(
        codes: codes.map { $0 < 0 ? fillCode : $0 }, levels: levels)
    default:
      return self
    }
  }
}
