// A table of named columns of equal length: the data frame.

/// A table of named, typed columns of equal length, in the spirit of a
/// pandas DataFrame without an index: rows are numbered 0..<rowCount in
/// Swift (1-based in Lua).
///
/// Columns are `Column` values: numbers (NaN missing), booleans (0/1,
/// NaN missing) or categorical text (-1 missing). A frame is a value:
/// every operation returns a new frame and leaves its input as it was;
/// column arrays are shared until written (copy on write), so selecting
/// or renaming columns copies no values.
///
/// Column names are unique and may be any string, the empty one too.
public struct DataFrame: Sendable, Equatable {
  /// The column names, in order.
  public private(set) var columnNames: [String]
  /// The columns, in the order of `columnNames`.
  public private(set) var columns: [Column]
  /// The number of rows.
  public private(set) var rowCount: Int

  /// A frame with no columns and no rows.
  public init() {
    columnNames = []
    columns = []
    rowCount = 0
  }

  /// A frame from (name, column) pairs, in that order.
  ///
  /// Throws `invalidArgument` for a repeated name and `shapeMismatch`
  /// when the columns differ in length (`DataFrame: column 'b' has 3
  /// values but column 'a' has 4`). No pairs give the empty frame.
  public init(_ pairs: [(String, Column)]) throws(NightjarError) {
    self.init()
    for (name, column) in pairs {
      guard index(of: name) == nil else {
        throw .invalidArgument(
          operation: "DataFrame", message: "duplicate column name '\(name)'")
      }
      if let first = columnNames.first, column.count != rowCount {
        throw .shapeMismatch(
          operation: "DataFrame",
          message: "column '\(name)' has \(column.count) values but column "
            + "'\(first)' has \(rowCount)")
      }
      rowCount = column.count
      columnNames.append(name)
      columns.append(Column.canonical(column))
    }
  }

  /// A frame from a dictionary of columns. A dictionary has no order, so
  /// the columns come in the order of `order` when given (it must name
  /// every key once), else sorted by name (by code points).
  ///
  /// Throws as `init(_:)` for lengths, and `DataFrame: order names 'x',
  /// which is not a column` or `DataFrame: order leaves out column 'y'`.
  public init(_ columns: [String: Column], order: [String]? = nil)
    throws(NightjarError)
  {
    let names = order ?? columns.keys.sorted {
      $0.utf8.lexicographicallyPrecedes($1.utf8)
    }
    var pairs: [(String, Column)] = []
    for name in names {
      guard let column = columns[name] else {
        throw .invalidArgument(
          operation: "DataFrame",
          message: "order names '\(name)', which is not a column")
      }
      pairs.append((name, column))
    }
    let named = Set(names)
    for name in columns.keys.sorted() where !named.contains(name) {
      throw .invalidArgument(
        operation: "DataFrame", message: "order leaves out column '\(name)'")
    }
    try self.init(pairs)
  }

  /// A frame from columns already checked for equal length and unique
  /// names (the operations of this library).
  init(uncheckedNames names: [String], columns: [Column], rowCount: Int) {
    self.columnNames = names
    self.columns = columns
    self.rowCount = rowCount
  }

  /// (rows, columns).
  public var shape: (rows: Int, columns: Int) {
    (rowCount, columns.count)
  }

  /// The number of columns.
  public var columnCount: Int { columns.count }

  /// About the bytes the columns take (see `Column.byteCount`).
  public var byteCount: Int {
    columns.reduce(0) { $0 + $1.byteCount }
  }

  /// The types of the columns, in order.
  public var columnTypes: [ColumnType] { columns.map(\.type) }

  /// The position of the column called `name`, or nil.
  public func index(of name: String) -> Int? {
    columnNames.firstIndex(of: name)
  }

  /// The column called `name`; nil when there is none.
  public subscript(name: String) -> Column? {
    index(of: name).map { columns[$0] }
  }

  /// The column called `name`. Throws `invalidArgument` (`operation: no
  /// column named 'x'`) when there is none.
  public func column(_ name: String, operation: String = "column")
    throws(NightjarError) -> Column
  {
    columns[try position(of: name, operation: operation)]
  }

  /// The position of `name`, or the error naming the missing column.
  func position(of name: String, operation: String)
    throws(NightjarError) -> Int
  {
    guard let position = index(of: name) else {
      throw .invalidArgument(
        operation: operation, message: "no column named '\(name)'")
    }
    return position
  }

  /// Adds a column at the end, or replaces the column of that name in
  /// place. The first column of an empty frame sets the row count.
  ///
  /// Throws `shapeMismatch` when the length differs from `rowCount`
  /// (`set column: 'x' has 3 values but the frame has 4 rows`).
  public mutating func setColumn(_ name: String, _ column: Column)
    throws(NightjarError)
  {
    if !columns.isEmpty && column.count != rowCount {
      throw .shapeMismatch(
        operation: "set column",
        message: "'\(name)' has \(column.count) values but the frame has "
          + "\(rowCount) rows")
    }
    let column = Column.canonical(column)
    if let position = index(of: name) {
      columns[position] = column
    } else {
      columnNames.append(name)
      columns.append(column)
    }
    rowCount = column.count
  }

  /// A copy with `column` added or replaced (see `setColumn`).
  public func setting(_ name: String, _ column: Column)
    throws(NightjarError) -> DataFrame
  {
    var copy = self
    try copy.setColumn(name, column)
    return copy
  }

  /// A number column from Float64 values (NaN is missing).
  public mutating func setColumn(_ name: String, numbers: [Double])
    throws(NightjarError)
  {
    try setColumn(name, .number(numbers))
  }

  /// A text column from strings (nil is missing).
  public mutating func setColumn(_ name: String, strings: [String?])
    throws(NightjarError)
  {
    try setColumn(name, Column.text(strings))
  }
}

extension Column {
  /// The column with text codes checked and in first-appearance order:
  /// columns built by callers may list levels in any order, repeat them
  /// or hold codes out of range (those become missing).
  static func canonical(_ column: Column) -> Column {
    guard case .text(let codes, let levels) = column else { return column }
    var seen: [String: Int32] = [:]
    var unique: [Int32] = []
    // Merge repeated level strings into their first index.
    unique.reserveCapacity(levels.count)
    for (position, level) in levels.enumerated() {
      if let first = seen[level] {
        unique.append(first)
      } else {
        seen[level] = Int32(position)
        unique.append(Int32(position))
      }
    }
    let cleaned = codes.map { code -> Int32 in
      code >= 0 && Int(code) < levels.count ? unique[Int(code)] : -1
    }
    return Column.normalized(codes: cleaned, levels: levels)
  }
}
