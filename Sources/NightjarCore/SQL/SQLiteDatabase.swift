// Reading query results into a DataFrame and writing a DataFrame to a
// table of an SQLite database file.

#if canImport(Glibc)
import Glibc
#endif
import CSQLite

/// One SQLite database file, opened for one operation.
///
/// Query results become DataFrame columns by what the rows hold: a
/// column whose values are all numbers (INTEGER or REAL) or NULL is a
/// number column with NaN for NULL (integers beyond 2^53 rounded); one
/// that holds any text is a text column (numbers in it written as text);
/// a BLOB is an error. A column without values (all NULL, or no rows)
/// takes its declared type: text for TEXT, CHAR or CLOB, else numbers. A
/// column declared BOOLEAN holding only 0, 1 and NULL is a boolean
/// column. Writing maps number columns to REAL, boolean columns to
/// BOOLEAN (stored as 0/1) and text to TEXT, NaN and missing values to
/// NULL, all in one transaction, so a frame reads back as it was.
///
/// Every failure is `NightjarError.io` with SQLite's own reason
/// (`read_sql: shop.db: no such table: orders`), or the system's for a
/// file that cannot be opened (`No such file or directory`).
public final class SQLiteDatabase {
  private var handle: OpaquePointer?
  let path: String
  let operation: String

  /// How a database file is opened.
  public enum Access {
    /// Read-only, and the file must exist: a query never creates or
    /// changes a database.
    case read
    /// Read and write, creating the file when it is missing.
    case create
  }

  /// Opens `path` for `operation` (the name errors start with).
  public init(_ path: String, access: Access, operation: String)
    throws(NightjarError)
  {
    self.path = path
    self.operation = operation
    let flags = access == .read
      ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
    var opened: OpaquePointer?
    let status = sqlite3_open_v2(path, &opened, flags, nil)
    handle = opened
    guard status == SQLITE_OK else {
      var reason = "out of memory"
      if let opened {
        let code = sqlite3_system_errno(opened)
        reason = code != 0
          ? FileSystem.reason(code) : String(cString: sqlite3_errmsg(opened))
      }
      sqlite3_close(opened)
      handle = nil
      throw .io(operation: operation, path: path, reason: reason)
    }
    sqlite3_busy_timeout(opened, 5000)
  }

  deinit { sqlite3_close(handle) }

  /// The error SQLite reports for the last call on this connection.
  private func failure() -> NightjarError {
    let reason = handle.flatMap { sqlite3_errmsg($0) }
      .map { String(cString: $0) } ?? "database closed"
    return .io(operation: operation, path: path, reason: reason)
  }

  /// A parameter bound to a `?` of a query.
  public enum Value: Equatable {
    case number(Double)
    case text(String)
    case null
  }

  /// The rows of `sql` (one statement of any kind; the connection's
  /// access decides what it may change) with `parameters` bound to its
  /// `?` in order.
  public func query(_ sql: String, _ parameters: [Value] = [])
    throws(NightjarError) -> DataFrame
  {
    let statement = try prepare(sql)
    defer { sqlite3_finalize(statement) }
    let expected = Int(sqlite3_bind_parameter_count(statement))
    guard expected == parameters.count else {
      throw .invalidArgument(
        operation: operation,
        message: "the query takes \(expected) parameter"
          + (expected == 1 ? "" : "s") + ", got \(parameters.count)")
    }
    try bind(parameters, to: statement)
    let width = Int(sqlite3_column_count(statement))
    var names: [String] = []
    var declared: [String] = []
    for column in 0..<Int32(width) {
      let name = sqlite3_column_name(statement, column)
      guard let name else { throw .io(operation: operation, path: path,
                                      reason: "out of memory") }
      names.append(String(cString: name))
      declared.append(sqlite3_column_decltype(statement, column)
        .map { String(cString: $0).uppercased() } ?? "")
    }
    if let twice = names.indices.first(where: {
      names[..<$0].contains(names[$0])
    }) {
      throw .invalidArgument(
        operation: operation,
        message: "the query gives two columns named '\(names[twice])' "
          + "(rename one with AS)")
    }
    // Numbers until a column meets text; then its strings (nil: NULL).
    var numbers = [[Double]](repeating: [], count: width)
    var texts = [[String?]?](repeating: nil, count: width)
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
          if texts[column] != nil {
            texts[column]?.append(nil)
          } else {
            numbers[column].append(.nan)
          }
        case SQLITE_INTEGER, SQLITE_FLOAT:
          let value = sqlite3_column_double(statement, index)
          if texts[column] != nil {
            texts[column]?.append(Column.format(number: value))
          } else {
            numbers[column].append(value)
          }
        case SQLITE_TEXT:
          if texts[column] == nil {
            texts[column] = numbers[column].map {
              $0.isNaN ? nil : Column.format(number: $0)
            }
            numbers[column] = []
          }
          texts[column]?.append(SQLiteDatabase.text(statement, index))
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
      pairs.append((names[column], SQLiteDatabase.column(
        numbers[column], texts[column], declared: declared[column],
        rows: rows)))
    }
    return try DataFrame(pairs)
  }

  /// A result column from its values and declared type.
  private static func column(
    _ numbers: [Double], _ texts: [String?]?, declared: String, rows: Int
  ) -> Column {
    if let texts { return Column.text(texts) }
    let empty = numbers.allSatisfy(\.isNaN)
    let textual = !declared.contains("INT")
      && ["CHAR", "CLOB", "TEXT"].contains { declared.contains($0) }
    if empty && textual {
      return .text(codes: [Int32](repeating: -1, count: rows), levels: [])
    }
    if declared == "BOOLEAN" || declared == "BOOL",
      numbers.allSatisfy({ $0.isNaN || $0 == 0 || $0 == 1 })
    {
      return .boolean(numbers)
    }
    return .number(numbers)
  }

  /// The text of a TEXT value (all its bytes, NUL included).
  private static func text(_ statement: OpaquePointer, _ index: Int32)
    -> String
  {
    guard let bytes = sqlite3_column_text(statement, index) else { return "" }
    let count = Int(sqlite3_column_bytes(statement, index))
    return String(
      decoding: UnsafeBufferPointer(start: bytes, count: count),
      as: UTF8.self)
  }

  /// The one statement in `sql`, compiled. No statement (only blanks or
  /// comments) and more than one are both errors.
  private func prepare(_ sql: String) throws(NightjarError) -> OpaquePointer
  {
    var compiled: [OpaquePointer] = []
    let status = sql.withCString { start -> Int32 in
      var rest = start
      while rest.pointee != 0 && compiled.count < 2 {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let status = sqlite3_prepare_v2(handle, rest, -1, &statement, &tail)
        guard status == SQLITE_OK else { return status }
        if let statement { compiled.append(statement) }
        guard let tail, tail != rest else { break }
        rest = tail
      }
      return SQLITE_OK
    }
    let error = status == SQLITE_OK ? nil : failure()
    switch (compiled.count, error) {
    case (1, nil):
      return compiled[0]
    case (0, let error?):
      throw error
    case (0, nil):
      throw .invalidArgument(
        operation: operation, message: "the query holds no statement")
    default:
      compiled.forEach { sqlite3_finalize($0) }
      throw .invalidArgument(
        operation: operation,
        message: "the query holds more than one statement (run them one "
          + "at a time)")
    }
  }

  /// Binds `values` to the `?` of `statement`, in order: integral
  /// numbers as INTEGER (so `id = ?` matches 2 with 2.0), others as REAL,
  /// text with its length.
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
      case .text(var text):
        // With its length: a NUL inside the text is kept.
        status = text.withUTF8 { bytes in
          bytes.withMemoryRebound(to: CChar.self) { chars in
            guard let start = chars.baseAddress else {
              return sqlite3_bind_text(statement, index, "", 0, transient)
            }
            return sqlite3_bind_text64(
              statement, index, start, UInt64(chars.count), transient,
              UInt8(SQLITE_UTF8))
          }
        }
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
  /// when anything fails). An existing table (names compare without
  /// regard to ASCII case, as SQLite's do) is an error with `.fail`, is
  /// dropped and created again with `.replace`, and gets the rows added
  /// with `.append` (by column name; SQLite reports a name the table
  /// lacks or a value a constraint refuses).
  public func write(_ frame: DataFrame, table: String, ifExists: IfExists)
    throws(NightjarError)
  {
    guard frame.columnCount > 0 else {
      throw .invalidArgument(
        operation: operation, message: "the frame has no columns")
    }
    let quotedTable = SQLiteDatabase.quote(table)
    try execute("BEGIN IMMEDIATE")
    do throws(NightjarError) {
      let exists = try query(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
          + "name = ? COLLATE NOCASE", [.text(table)])
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
          case .boolean: type = "BOOLEAN"
          case .text: type = "TEXT"
          }
          return SQLiteDatabase.quote(name) + " " + type
        }
        try execute("CREATE TABLE \(quotedTable) ("
                    + definitions.joined(separator: ", ") + ")")
      }
      let statement = try prepare(
        "INSERT INTO \(quotedTable) ("
          + names.map(SQLiteDatabase.quote).joined(separator: ", ")
          + ") VALUES (" + names.map { _ in "?" }.joined(separator: ", ")
          + ")")
      defer { sqlite3_finalize(statement) }
      var values = [Value](repeating: .null, count: names.count)
      for row in 0..<frame.rowCount {
        if row % 4096 == 0 { try Cancellation.check() }
        for (position, column) in frame.columns.enumerated() {
          switch column {
          case .number(let numbers), .boolean(let numbers):
            values[position] = numbers[row].isNaN
              ? .null : .number(numbers[row])
          case .text(let codes, let levels):
            values[position] = codes[row] < 0
              ? .null : .text(levels[Int(codes[row])])
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

  /// Runs SQL without results (transactions, definitions).
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

extension DataFrame {
  /// The rows of one SQL statement run on the SQLite database at `path`
  /// (opened read-only; a missing file is an error), `parameters` bound
  /// to its `?` in order. Errors start with `read_sql`.
  public static func readSQL(
    _ path: String, _ sql: String, _ parameters: [SQLiteDatabase.Value] = []
  ) throws(NightjarError) -> DataFrame {
    try SQLiteDatabase(path, access: .read, operation: "read_sql")
      .query(sql, parameters)
  }

  /// Writes the frame to `table` of the SQLite database at `path`
  /// (created when missing), in one transaction; see
  /// `SQLiteDatabase.write`. Errors start with `to_sql`.
  public func toSQL(
    _ path: String, table: String,
    ifExists: SQLiteDatabase.IfExists = .fail
  ) throws(NightjarError) {
    try SQLiteDatabase(path, access: .create, operation: "to_sql")
      .write(self, table: table, ifExists: ifExists)
  }
}
