// Reading query results into a DataFrame and writing a DataFrame to a
// table of an SQLite database file.

import CSQLite

/// One SQLite database file, opened for one operation.
///
/// Query results become DataFrame columns by what the rows hold: a
/// column whose values are all numbers (INTEGER or REAL) or NULL is a
/// number column with NaN for NULL; one that holds any text is a text
/// column (numbers in it written as text); a BLOB is an error. Writing
/// maps number columns to REAL, boolean columns to INTEGER 0/1 and text
/// to TEXT, NaN and missing values to NULL, all in one transaction.
public final class SQLiteDatabase {
  private var handle: OpaquePointer?
  let path: String
  let operation: String

  /// Opens `path`; with `create` false a missing file is an error (a
  /// query never creates a database by accident).
  public init(_ path: String, create: Bool, operation: String)
    throws(NightjarError)
  {
    self.path = path
    self.operation = operation
    let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
    var opened: OpaquePointer?
    let status = sqlite3_open_v2(path, &opened, flags, nil)
    handle = opened
    guard status == SQLITE_OK else {
      let reason = opened.map { String(cString: sqlite3_errmsg($0)) }
        ?? "cannot open"
      sqlite3_close(opened)
      handle = nil
      throw .io(operation: operation, path: path, reason: reason)
    }
    sqlite3_busy_timeout(opened, 5000)
  }

  deinit { sqlite3_close(handle) }

  private func failure() -> NightjarError {
    let reason = handle.map { String(cString: sqlite3_errmsg($0)) }
      ?? "database closed"
    return .io(operation: operation, path: path, reason: reason)
  }

  /// A parameter bound to a `?` of a query.
  public enum Value: Equatable {
    case number(Double)
    case text(String)
    case null
  }

  /// The rows of `sql` with `parameters` bound to its `?` in order.
  public func query(_ sql: String, _ parameters: [Value] = [])
    throws(NightjarError) -> DataFrame
  {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK,
      let statement
    else { throw failure() }
    defer { sqlite3_finalize(statement) }
    let expected = Int(sqlite3_bind_parameter_count(statement))
    guard expected == parameters.count else {
      throw .invalidArgument(
        operation: operation,
        message: "the query has \(expected) parameters but \(parameters.count)"
          + " were given")
    }
    try bind(parameters, to: statement)
    let width = Int(sqlite3_column_count(statement))
    let names = (0..<width).map {
      String(cString: sqlite3_column_name(statement, Int32($0)))
    }
    var numbers = [[Double]](repeating: [], count: width)
    var texts = [[String?]](repeating: [], count: width)
    var isText = [Bool](repeating: false, count: width)
    var rows = 0
    while true {
      let status = sqlite3_step(statement)
      if status == SQLITE_DONE { break }
      guard status == SQLITE_ROW else { throw failure() }
      if rows % 4096 == 0 { try Cancellation.check() }
      for column in 0..<width {
        let index = Int32(column)
        switch sqlite3_column_type(statement, index) {
        case SQLITE_NULL:
          numbers[column].append(.nan)
          texts[column].append(nil)
        case SQLITE_INTEGER, SQLITE_FLOAT:
          let value = sqlite3_column_double(statement, index)
          numbers[column].append(value)
          texts[column].append(Column.format(number: value))
        case SQLITE_TEXT:
          isText[column] = true
          numbers[column].append(.nan)
          texts[column].append(
            sqlite3_column_text(statement, index).map {
              String(cString: $0)
            } ?? "")
        default:
          throw .invalidArgument(
            operation: operation,
            message: "column '\(names[column])' holds binary data (BLOB), "
              + "which a DataFrame cannot hold")
        }
      }
      rows += 1
    }
    var pairs: [(String, Column)] = []
    for column in 0..<width {
      pairs.append((names[column], isText[column]
        ? Column.text(texts[column]) : .number(numbers[column])))
    }
    return try DataFrame(pairs)
  }

  private func bind(_ values: [Value], to statement: OpaquePointer)
    throws(NightjarError)
  {
    // SQLITE_TRANSIENT: SQLite copies the text before bind returns.
    let transient = unsafeBitCast(
      OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let status: Int32
      switch value {
      case .number(let number):
        if number == number.rounded(), Swift.abs(number) < 9e15 {
          status = sqlite3_bind_int64(statement, index, Int64(number))
        } else {
          status = sqlite3_bind_double(statement, index, number)
        }
      case .text(let text):
        status = sqlite3_bind_text(statement, index, text, -1, transient)
      case .null:
        status = sqlite3_bind_null(statement, index)
      }
      guard status == SQLITE_OK else { throw failure() }
    }
  }

  /// What `write` does when the table exists.
  public enum IfExists: String, CaseIterable {
    case fail, replace, append
  }

  /// Writes `frame` to `table` in one transaction (nothing is written
  /// when anything fails).
  public func write(_ frame: DataFrame, table: String, ifExists: IfExists)
    throws(NightjarError)
  {
    let quotedTable = SQLiteDatabase.quote(table)
    try execute("BEGIN IMMEDIATE")
    do throws(NightjarError) {
      let exists = try query(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
          + "name = ?", [.text(table)])
      let count = exists.columns.first?.numbers?.first ?? 0
      if count > 0 {
        switch ifExists {
        case .fail:
          throw .invalidArgument(
            operation: operation,
            message: "table '\(table)' already exists (use if_exists = "
              + "\"replace\" or \"append\")")
        case .replace: try execute("DROP TABLE \(quotedTable)")
        case .append: break
        }
      }
      let names = frame.columnNames
      if count == 0 || ifExists == .replace {
        let definitions = zip(names, frame.columns).map { name, column in
          let type: String
          switch column {
          case .number: type = "REAL"
          case .boolean: type = "INTEGER"
          case .text: type = "TEXT"
          }
          return SQLiteDatabase.quote(name) + " " + type
        }
        try execute("CREATE TABLE \(quotedTable) ("
                    + definitions.joined(separator: ", ") + ")")
      }
      let insert = "INSERT INTO \(quotedTable) ("
        + names.map(SQLiteDatabase.quote).joined(separator: ", ")
        + ") VALUES (" + names.map { _ in "?" }.joined(separator: ", ") + ")"
      var statement: OpaquePointer?
      guard sqlite3_prepare_v2(handle, insert, -1, &statement, nil)
        == SQLITE_OK, let statement
      else { throw failure() }
      defer { sqlite3_finalize(statement) }
      for row in 0..<frame.rowCount {
        if row % 4096 == 0 { try Cancellation.check() }
        let values = frame.columns.map { column -> Value in
          switch column {
          case .number(let numbers), .boolean(let numbers):
            return numbers[row].isNaN ? .null : .number(numbers[row])
          case .text(let codes, let levels):
            return codes[row] < 0 ? .null : .text(levels[Int(codes[row])])
          }
        }
        try bind(values, to: statement)
        guard sqlite3_step(statement) == SQLITE_DONE else { throw failure() }
        sqlite3_reset(statement)
      }
      try execute("COMMIT")
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  private func execute(_ sql: String) throws(NightjarError) {
    guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
      throw failure()
    }
  }

  /// An SQL identifier in double quotes, inner quotes doubled.
  static func quote(_ name: String) -> String {
    var quoted = "\""
    for character in name {
      quoted += character == "\"" ? "\"\"" : String(character)
    }
    return quoted + "\""
  }
}
